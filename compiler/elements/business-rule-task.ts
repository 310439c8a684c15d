import { extension, type ModdleElement } from '../bpmn-xml';
import type { ServiceTaskNode } from '../graph';
import { reportUnsupported } from './common';
import type { TranslateContext } from './context';
import { translateJob } from './service-task';

/**
 * A business rule task runs as a job when it names a job type. Rouage has no decision engine
 * yet, so a task calling a DMN decision (`zeebe:calledDecision`) is refused, not run otherwise.
 */
export function translateBusinessRuleTask(element: ModdleElement, context: TranslateContext): ServiceTaskNode | undefined {
  if (extension(element, 'zeebe:CalledDecision')) {
    return reportUnsupported(
      element,
      context.report,
      {
        fr: 'Les décisions DMN ne sont pas encore prises en charge : remplacez la tâche par une tâche de script avec une expression FEEL, ou par une tâche de service (zeebe:taskDefinition).',
        en: 'DMN decisions are not supported yet: replace the task with a script task holding a FEEL expression, or with a service task (zeebe:taskDefinition).',
      },
      'BusinessRuleTask, zeebe:calledDecision',
    );
  }
  return translateJob(element, context, 'businessRuleTask');
}
