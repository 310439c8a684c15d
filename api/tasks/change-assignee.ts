/** Claim and release: a change of assignee that at most one of concurrent callers wins. */
import { insertOnce, OPEN_TASK_STATES, TaskModel, TaskRevisionModel, type TaskRecord } from '../../platform/storage';
import { problems } from '../problems';
import { loadTask } from './load-task';
import { presentTask } from './present-task';

/**
 * What the loser of a race is told. The winner's revision record is the truth even when the
 * winner has not yet written the task record itself.
 */
async function conflictWith(taskId: string, revision: number): Promise<[string, Record<string, unknown>]> {
  const [winning, stored] = await Promise.all([TaskRevisionModel.findById(`${taskId}#${revision}`).lean(), loadTask(taskId)]);
  const current: TaskRecord =
    winning && (stored.revision ?? 0) <= revision ? { ...stored, assignee: winning.assignee, state: winning.assignee ? 'assigned' : 'created' } : stored;
  const what = current.assignee ? `claimed by ${current.assignee}` : `released (${current.state})`;
  return [`Task ${taskId} was just ${what} by someone else; nothing was changed. Refresh and try again.`, { currentState: presentTask(current) }];
}

export async function changeAssignee(task: TaskRecord, change: { assignee: string | null; action: 'claimed' | 'unclaimed'; by: string }): Promise<TaskRecord> {
  const at = new Date();
  // Records written before revisions existed have none: they are at revision 0.
  const revision = task.revision ?? 0;
  const won = await insertOnce(TaskRevisionModel, { _id: `${task._id}#${revision}`, taskId: task._id, action: change.action, by: change.by, assignee: change.assignee, at });
  if (!won) throw problems.conflict(...(await conflictWith(task._id, revision)));
  await TaskModel.updateOne(
    { _id: task._id, state: { $in: OPEN_TASK_STATES } },
    {
      $set: { assignee: change.assignee, state: change.assignee ? 'assigned' : 'created', revision: revision + 1 },
      $push: { history: { at, by: change.by, action: change.action } },
    },
  );
  return loadTask(task._id);
}
