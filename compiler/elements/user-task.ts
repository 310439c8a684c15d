import { extension, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { UserTaskNode } from '../graph';
import { nodeBase, optionalValueSource } from './common';
import type { TranslateContext } from './context';

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

export function translateUserTask(element: ModdleElement, context: TranslateContext): UserTaskNode {
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const form = readForm(element, context);
  const node: UserTaskNode = { ...nodeBase(element), kind: 'userTask' };
  const assignee = optionalValueSource(assignment && stringProperty(assignment, 'assignee'));
  const candidateGroups = optionalValueSource(assignment && stringProperty(assignment, 'candidateGroups'));
  const candidateUsers = optionalValueSource(assignment && stringProperty(assignment, 'candidateUsers'));
  if (assignee) node.assignee = assignee;
  if (candidateGroups) node.candidateGroups = candidateGroups;
  if (candidateUsers) node.candidateUsers = candidateUsers;
  if (form) node.form = form;
  return node;
}
