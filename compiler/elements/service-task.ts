/**
 * Job-based elements: service tasks, and what Camunda runs the same way through a
 * `zeebe:taskDefinition` (send tasks, script and business rule tasks that name a job type,
 * message throw and end events).
 */
import { extension, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { ServiceTaskNode } from '../graph';
import { kindOf, label, nodeBase, readHeaders } from './common';
import type { TranslateContext } from './context';

const CAMUNDA_DEFAULT_RETRIES = 3;

export function translateJob(element: ModdleElement, context: TranslateContext, jobElement?: ServiceTaskNode['element']): ServiceTaskNode | undefined {
  const definition = extension(element, 'zeebe:TaskDefinition');
  const taskType = definition ? (stringProperty(definition, 'type') ?? '').trim() : '';
  if (taskType === '') {
    context.report({
      ruleId: 'task-type-required',
      elementId: element.id,
      message: {
        fr: `L'élément « ${label(element)} » (${kindOf(element)}) n'indique pas quelle activité l'exécute.`,
        en: `Element "${label(element)}" (${kindOf(element)}) does not say which activity runs it.`,
      },
      hint: {
        fr: "Choisissez une activité IA dans la palette, ou renseignez « Type de tâche » (zeebe:taskDefinition type).",
        en: 'Pick an AI activity from the palette, or set "Task definition type" (zeebe:taskDefinition type).',
      },
    });
    return undefined;
  }
  const retriesText = definition ? stringProperty(definition, 'retries') : undefined;
  const retries = retriesText === undefined ? CAMUNDA_DEFAULT_RETRIES : Number(retriesText);
  if (!Number.isInteger(retries) || retries < 1) {
    context.report({
      ruleId: 'task-retries-invalid',
      elementId: element.id,
      message: {
        fr: `Le nombre de tentatives « ${retriesText} » de « ${label(element)} » n'est pas un entier positif.`,
        en: `Retries "${retriesText}" of "${label(element)}" is not a positive integer.`,
      },
      hint: { fr: 'Indiquez un entier supérieur ou égal à 1, par exemple 3.', en: 'Use an integer of 1 or more, such as 3.' },
    });
    return undefined;
  }
  const template = stringProperty(element, 'modelerTemplate');
  return {
    ...nodeBase(element),
    ...(template ? { template } : {}),
    kind: 'serviceTask',
    ...(jobElement ? { element: jobElement } : {}),
    taskType,
    retries,
    headers: readHeaders(element),
    // A FEEL type (`=...`) is computed per job, as in Camunda: its jobs go to the teams' workers.
    external: !context.catalog.has(taskType),
  };
}

export function translateServiceTask(element: ModdleElement, context: TranslateContext): ServiceTaskNode | undefined {
  return translateJob(element, context);
}

export function translateSendTask(element: ModdleElement, context: TranslateContext): ServiceTaskNode | undefined {
  return translateJob(element, context, 'sendTask');
}
