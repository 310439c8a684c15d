import { extension, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { UserTaskNode, ValueSource } from '../graph';
import { nodeBase, optionalValueSource, readHeaders } from './common';
import type { TranslateContext } from './context';
import { parseIsoDateTime } from './iso8601';

function readForm(element: ModdleElement, context: TranslateContext): UserTaskNode['form'] {
  const definition = extension(element, 'zeebe:FormDefinition');
  if (!definition) return undefined;
  const formId = stringProperty(definition, 'formId');
  if (formId) return { formId };
  const formKey = stringProperty(definition, 'formKey');
  if (!formKey) return undefined;
  // Camunda 8 embeds forms as zeebe:userTaskForm and links them with formKey "camunda-forms:bpmn:<id>".
  const embeddedId = formKey.replace(/^camunda-forms:bpmn:/, '');
  const embedded = context.embeddedForms.get(embeddedId);
  if (!embedded) return { formKey };
  try {
    return { schema: JSON.parse(stringProperty(embedded, 'body') ?? '') as unknown };
  } catch (error) {
    context.report({
      ruleId: 'form-invalid',
      elementId: element.id,
      message: {
        fr: `Le formulaire intégré « ${embeddedId} » n'est pas du JSON valide (${(error as Error).message}).`,
        en: `Embedded form "${embeddedId}" is not valid JSON (${(error as Error).message}).`,
      },
      hint: { fr: "Réenregistrez le formulaire depuis l'éditeur de formulaires.", en: 'Save the form again from the form editor.' },
    });
    return undefined;
  }
}

/** Literal schedule dates and priorities are checked now; FEEL ones when the task opens. */
function checkLiterals(element: ModdleElement, node: UserTaskNode, context: TranslateContext): void {
  const literal = (source: ValueSource | undefined) => (source && 'value' in source ? source.value : undefined);
  for (const field of ['dueDate', 'followUpDate'] as const) {
    const text = literal(node[field]);
    if (text === undefined || parseIsoDateTime(text) !== undefined) continue;
    context.report({
      ruleId: 'user-task-schedule',
      elementId: element.id,
      message: {
        fr: `La date « ${text} » (${field}) de la tâche « ${node.name ?? node.id} » n'est pas une date ISO 8601 avec son fuseau.`,
        en: `Date "${text}" (${field}) of task "${node.name ?? node.id}" is not an ISO 8601 date-time with its offset.`,
      },
      hint: {
        fr: 'Indiquez par exemple 2026-03-01T09:00:00+01:00, ou une expression FEEL comme =now() + duration("P10D").',
        en: 'Give for example 2026-03-01T09:00:00+01:00, or a FEEL expression such as =now() + duration("P10D").',
      },
    });
  }
  const priority = literal(node.priority);
  if (priority === undefined || (/^\d+$/.test(priority) && Number(priority) <= 100)) return;
  context.report({
    ruleId: 'user-task-priority',
    elementId: element.id,
    message: {
      fr: `La priorité « ${priority} » de la tâche « ${node.name ?? node.id} » n'est pas un entier de 0 à 100.`,
      en: `Priority "${priority}" of task "${node.name ?? node.id}" is not an integer from 0 to 100.`,
    },
    hint: { fr: 'Indiquez un entier de 0 à 100 (50 par défaut), ou une expression FEEL.', en: 'Give an integer from 0 to 100 (50 by default), or a FEEL expression.' },
  });
}

export function translateUserTask(element: ModdleElement, context: TranslateContext): UserTaskNode {
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const schedule = extension(element, 'zeebe:TaskSchedule');
  const priorityDefinition = extension(element, 'zeebe:PriorityDefinition');
  const form = readForm(element, context);
  const node: UserTaskNode = { ...nodeBase(element), kind: 'userTask' };
  const fields = {
    assignee: optionalValueSource(assignment && stringProperty(assignment, 'assignee')),
    candidateGroups: optionalValueSource(assignment && stringProperty(assignment, 'candidateGroups')),
    candidateUsers: optionalValueSource(assignment && stringProperty(assignment, 'candidateUsers')),
    dueDate: optionalValueSource(schedule && stringProperty(schedule, 'dueDate')),
    followUpDate: optionalValueSource(schedule && stringProperty(schedule, 'followUpDate')),
    priority: optionalValueSource(priorityDefinition && stringProperty(priorityDefinition, 'priority')),
  };
  for (const [field, source] of Object.entries(fields) as [keyof typeof fields, UserTaskNode[keyof typeof fields]][]) {
    if (source) node[field] = source;
  }
  if (form) node.form = form;
  const headers = readHeaders(element);
  if (Object.keys(headers).length > 0) node.headers = headers;
  checkLiterals(element, node, context);
  return node;
}
