import { extension, elementList, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { ServiceTaskNode } from '../graph';
import { nodeBase } from './common';
import type { TranslateContext } from './context';

const CAMUNDA_DEFAULT_RETRIES = 3;

export function translateServiceTask(element: ModdleElement, context: TranslateContext): ServiceTaskNode | undefined {
  const definition = extension(element, 'zeebe:TaskDefinition');
  const taskType = definition ? (stringProperty(definition, 'type') ?? '').trim() : '';
  if (taskType === '') {
    context.report({
      ruleId: 'task-type-required',
      elementId: element.id,
      message: {
        fr: `La tâche de service « ${element.name ?? element.id} » n'indique pas quelle activité exécuter.`,
        en: `Service task "${element.name ?? element.id}" does not say which activity runs it.`,
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
        fr: `Le nombre de tentatives « ${retriesText} » de « ${element.name ?? element.id} » n'est pas un entier positif.`,
        en: `Retries "${retriesText}" of "${element.name ?? element.id}" is not a positive integer.`,
      },
      hint: { fr: 'Indiquez un entier supérieur ou égal à 1, par exemple 3.', en: 'Use an integer of 1 or more, such as 3.' },
    });
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const header of elementList(extension(element, 'zeebe:TaskHeaders')?.values)) {
    const key = stringProperty(header, 'key');
    if (key) headers[key] = stringProperty(header, 'value') ?? '';
  }
  const template = stringProperty(element, 'modelerTemplate');
  return {
    ...nodeBase(element),
    ...(template ? { template } : {}),
    kind: 'serviceTask',
    taskType,
    retries,
    headers,
    external: !context.catalog.has(taskType),
  };
}
