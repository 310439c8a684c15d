/**
 * Writes of task records after their creation, in one place so that each keeps the inbox
 * current: every write selects the task by `_id` alone (the one filter FerretDB 1.x hands to
 * SQLite: with a `{ _id, state }` filter it decodes every task to find one, 25 s at 100,000
 * tasks) and is followed by its note in the task change log.
 */
import type { UpdateQuery } from 'mongoose';
import { OPEN_TASK_STATES, TaskModel, type TaskRecord } from './task';
import { noteTaskChanged } from './task-change';

const isOpen = (state: string) => (OPEN_TASK_STATES as readonly string[]).includes(state);

export async function updateTask(taskId: string, update: UpdateQuery<TaskRecord>): Promise<void> {
  await TaskModel.updateOne({ _id: taskId }, update);
  await noteTaskChanged(taskId);
}

/**
 * Applies `update` if the task is still open; false when it is closed or unknown. Reading and
 * writing are two steps, as they are inside FerretDB for a conditional update: changes of the
 * same open task are ordered by the task-revision records (api/tasks/change-assignee.ts).
 */
export async function updateOpenTask(taskId: string, update: UpdateQuery<TaskRecord>): Promise<boolean> {
  const task = await TaskModel.findById(taskId, { state: 1 }).lean<Pick<TaskRecord, 'state'>>();
  if (!task || !isOpen(task.state)) return false;
  await updateTask(taskId, update);
  return true;
}
