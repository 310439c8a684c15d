import { extension, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { ScriptTaskNode, ServiceTaskNode } from '../graph';
import { feelBody, label, nodeBase } from './common';
import type { TranslateContext } from './context';
import { translateJob } from './service-task';

/**
 * A script task is either a FEEL expression (`zeebe:script`), evaluated by the interpreter, or
 * a job for a worker (`zeebe:taskDefinition`), as in Camunda 8.
 */
export function translateScriptTask(element: ModdleElement, context: TranslateContext): ScriptTaskNode | ServiceTaskNode | undefined {
  const script = extension(element, 'zeebe:Script');
  if (!script && extension(element, 'zeebe:TaskDefinition')) return translateJob(element, context, 'scriptTask');
  const expression = feelBody(script && stringProperty(script, 'expression'));
  const resultVariable = (script && stringProperty(script, 'resultVariable'))?.trim() ?? '';
  if (expression === undefined || resultVariable === '') {
    context.report({
      ruleId: 'script-task-definition',
      elementId: element.id,
      message: {
        fr: `La tâche de script « ${label(element)} » n'a pas ${expression === undefined ? "d'expression FEEL" : 'de variable de résultat'}.`,
        en: `Script task "${label(element)}" has no ${expression === undefined ? 'FEEL expression' : 'result variable'}.`,
      },
      hint: {
        fr: 'Choisissez « Expression FEEL » comme implémentation et renseignez l’expression et la variable de résultat (zeebe:script), ou un type de tâche (zeebe:taskDefinition) servi par un worker.',
        en: 'Choose "FEEL expression" as implementation and set the expression and the result variable (zeebe:script), or a job type (zeebe:taskDefinition) a worker serves.',
      },
    });
    return undefined;
  }
  return { ...nodeBase(element), kind: 'scriptTask', expression, resultVariable };
}
