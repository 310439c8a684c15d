/**
 * A user task's embedded form, the Camunda 8 way the compiler reads it
 * (compiler/elements/user-task.ts): the form-js schema lives in a `zeebe:UserTaskForm` of the
 * process (its `body`), and the task points at it with `zeebe:FormDefinition
 * formKey="camunda-forms:bpmn:<id>"`. Written through bpmn-js modeling commands, so applying a
 * form can be undone and is saved with the draft like any edit.
 */
import type Modeler from 'bpmn-js/lib/Modeler';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type { Element } from 'bpmn-js/lib/model/Types';

const FORM_KEY_PREFIX = 'camunda-forms:bpmn:';

interface BusinessObject {
  $type: string;
  $parent?: BusinessObject;
  id: string;
  name?: string;
  extensionElements?: BusinessObject & { values?: BusinessObject[] };
  [property: string]: unknown;
}

interface BpmnFactory {
  create(type: string, properties?: Record<string, unknown>): BusinessObject;
}

export interface FormSchema {
  type: string;
  id?: string;
  components: unknown[];
  [property: string]: unknown;
}

const businessObjectOf = (element: Element) => (element as unknown as { businessObject: BusinessObject }).businessObject;

function processOf(task: BusinessObject): BusinessObject | undefined {
  let current = task.$parent;
  while (current && current.$type !== 'bpmn:Process') current = current.$parent;
  return current;
}

const valuesOf = (owner: BusinessObject) => owner.extensionElements?.values ?? [];
const formDefinitionOf = (task: BusinessObject) => valuesOf(task).find((value) => value.$type === 'zeebe:FormDefinition');

function embeddedFormOf(task: BusinessObject): BusinessObject | undefined {
  const formKey = formDefinitionOf(task)?.formKey;
  const process = processOf(task);
  if (typeof formKey !== 'string' || !formKey.startsWith(FORM_KEY_PREFIX) || !process) return undefined;
  const id = formKey.slice(FORM_KEY_PREFIX.length);
  return valuesOf(process).find((value) => value.$type === 'zeebe:UserTaskForm' && value.id === id);
}

export const isUserTask = (element: Element | undefined): element is Element => element !== undefined && businessObjectOf(element)?.$type === 'bpmn:UserTask';

/** The task's form schema; an empty form when it has none; throws when the embedded body is not JSON. */
export function readEmbeddedForm(task: Element): FormSchema {
  const body = embeddedFormOf(businessObjectOf(task))?.body;
  if (typeof body !== 'string' || body.trim() === '') return { type: 'default', id: `Form_${businessObjectOf(task).id}`, components: [] };
  return JSON.parse(body) as FormSchema;
}

/** Stores the schema as the task's embedded form, creating the extension elements it needs. */
export function writeEmbeddedForm(modeler: Modeler, task: Element, schema: FormSchema): void {
  const modeling = modeler.get<Modeling>('modeling');
  const factory = modeler.get<BpmnFactory>('bpmnFactory');
  // The process's own extensions are changed in the context of the canvas root (the process).
  const root = modeler.get<Canvas>('canvas').getRootElement() as Element;
  const taskObject = businessObjectOf(task);
  const process = processOf(taskObject);
  if (!process) throw new Error(`No process holds ${taskObject.id}`);
  const body = JSON.stringify(schema, null, 2);

  /** The owner's extension elements, created empty when missing. */
  const extensionsOf = (element: Element, owner: BusinessObject) => {
    if (!owner.extensionElements) modeling.updateModdleProperties(element, owner, { extensionElements: factory.create('bpmn:ExtensionElements', { values: [] }) });
    return owner.extensionElements!;
  };

  const existing = embeddedFormOf(taskObject);
  if (existing) {
    modeling.updateModdleProperties(root, existing, { body });
    return;
  }
  const formId = `UserTaskForm_${taskObject.id}`;
  const processExtensions = extensionsOf(root, process);
  const others = valuesOf(process).filter((value) => !(value.$type === 'zeebe:UserTaskForm' && value.id === formId));
  modeling.updateModdleProperties(root, processExtensions, { values: [...others, factory.create('zeebe:UserTaskForm', { id: formId, body })] });

  const formKey = `${FORM_KEY_PREFIX}${formId}`;
  const definition = formDefinitionOf(taskObject);
  if (definition) {
    modeling.updateModdleProperties(task, definition, { formKey, formId: undefined, externalReference: undefined });
  } else {
    const taskExtensions = extensionsOf(task, taskObject);
    modeling.updateModdleProperties(task, taskExtensions, { values: [...valuesOf(taskObject), factory.create('zeebe:FormDefinition', { formKey })] });
  }
}
