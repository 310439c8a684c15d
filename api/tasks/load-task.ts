/** Reading a task for an operation: 404 when unknown, 409 when it is no longer open. */
import { isOpenTaskState, TaskModel, type TaskRecord } from '../../platform/storage';
import { problems } from '../problems';
import { presentTask } from './present-task';

export async function loadTask(taskId: string): Promise<TaskRecord> {
  const task = await TaskModel.findById(taskId).lean<TaskRecord>();
  if (!task) throw problems.notFound('Task', taskId);
  return task;
}

export function assertOpen(task: TaskRecord, action: string): void {
  if (isOpenTaskState(task.state)) return;
  throw problems.conflict(`Task ${task._id} is ${task.state}${task.completedBy ? ` by ${task.completedBy}` : ''}; it cannot be ${action}. Refresh your inbox.`, {
    currentState: presentTask(task),
  });
}
