/**
 * Changes of a task that at most one of concurrent callers wins: claim, release, assignment,
 * delegation and completion all start by inserting the task-revision record of the revision
 * they saw. (FerretDB 1.x findOneAndUpdate is not atomic: a conditional update alone let two
 * concurrent claims both succeed. The insert of a unique _id is.)
 */
import { TaskRevisionModel, updateTask, winTaskRevision, type TaskRecord } from '../../platform/storage';
import { problems } from '../problems';
import { loadTask } from './load-task';
import { presentTask } from './present-task';

export type AssigneeAction = 'claimed' | 'unclaimed' | 'assigned' | 'delegated';
type ArbitratedAction = AssigneeAction | 'completed';

/**
 * What the loser of a race is told. The winner's revision record is the truth even when the
 * winner has not yet written the task record itself.
 */
async function conflictWith(taskId: string, revision: number): Promise<[string, Record<string, unknown>]> {
  const [winning, stored] = await Promise.all([TaskRevisionModel.findById(`${taskId}#${revision}`).lean(), loadTask(taskId)]);
  let current: TaskRecord = stored;
  if (winning && (stored.revision ?? 0) <= revision) {
    const state = winning.action === 'completed' ? 'completed' : winning.assignee ? 'assigned' : 'created';
    current = { ...stored, assignee: winning.assignee, state };
  }
  const what = current.state === 'completed' ? `completed` : current.assignee ? `claimed by ${current.assignee}` : `released (${current.state})`;
  return [`Task ${taskId} was just ${what} by someone else; nothing was changed. Refresh and try again.`, { currentState: presentTask(current) }];
}

/** Wins revision `task.revision` for `action`, or throws 409 with the winner's state. */
export async function arbitrate(task: TaskRecord, action: ArbitratedAction, by: string, assignee: string | null, at = new Date()): Promise<number> {
  // Records written before revisions existed have none: they are at revision 0.
  const revision = task.revision ?? 0;
  const won = await winTaskRevision(task._id, revision, { action, by, assignee, at });
  if (!won) throw problems.conflict(...(await conflictWith(task._id, revision)));
  return revision;
}

export async function changeAssignee(task: TaskRecord, change: { assignee: string | null; action: AssigneeAction; by: string }): Promise<TaskRecord> {
  const at = new Date();
  const revision = await arbitrate(task, change.action, change.by, change.assignee, at);
  // Won: nobody else writes the task until this change is written (every close takes its turn too).
  await updateTask(task._id, {
    $set: { assignee: change.assignee, state: change.assignee ? 'assigned' : 'created', revision: revision + 1 },
    $push: { history: { at, by: change.by, action: change.action, ...(change.assignee ? { assignee: change.assignee } : {}) } },
  });
  return loadTask(task._id);
}
