/** The form-js schema a task is completed with, wherever it is: embedded, or stored by id. */
import { FormModel, type TaskRecord } from '../../platform/storage';

export interface TaskForm {
  schema: unknown;
  formId?: string;
  version?: number;
}

/**
 * `{ schema }` when the task has it (embedded, or resolved when it opened), else the stored
 * form of its `formId` (a form stored after the task opened); undefined for tasks without a
 * form, or with a `formKey` this platform does not host.
 */
export async function taskFormOf(task: Pick<TaskRecord, 'form'>): Promise<TaskForm | undefined> {
  const form = task.form as { schema?: unknown; formId?: string; version?: number } | null;
  if (!form) return undefined;
  if (form.schema) return { schema: form.schema, ...(form.formId ? { formId: form.formId, version: form.version } : {}) };
  if (!form.formId) return undefined;
  const stored = await FormModel.findById(form.formId).lean();
  return stored ? { schema: stored.schema, formId: form.formId, version: stored.version } : undefined;
}
