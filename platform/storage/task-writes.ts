/**
 * Writes of task records after their creation, in one place so that each keeps the inbox
 * current: every write selects the task by `_id` alone (the one filter FerretDB 1.x hands to
 * SQLite: with a `{ _id, state }` filter it decodes every task to find one, 25 s at 100,000
 * tasks) and is followed by its note in the task change log.
 *
 * Every change of a task's assignee or state takes its turn: it first wins the task-revision
 * record of the revision it read (a unique `_id`, since FerretDB 1.x has no atomic
 * findAndModify), so of two concurrent changes exactly one goes through, and the loser sees
 * the winner's. The API's claims, assignments and completions, and every close (the worker's
 * and the API's cancel) go through here.
 */
import type { UpdateQuery } from 'mongoose';
import { insertOnce } from './insert-once';
import { isOpenTaskState, TaskModel, type TaskRecord } from './task';
import { noteTaskChanged } from './task-change';
import { TaskRevisionModel } from './task-revision';

/** A change won this long ago and still not written: its writer died, and a close goes on without it. */
const TAKEOVER_AFTER_MS = 30_000;

export async function updateTask(taskId: string, update: UpdateQuery<TaskRecord>): Promise<void> {
  await TaskModel.updateOne({ _id: taskId }, update);
  await noteTaskChanged(taskId);
}

export interface RevisionChange {
  action: string;
  by: string;
  assignee: string | null;
  at: Date;
}

/** Wins the change of `taskId` from `revision`; false when another change won it first. */
export function winTaskRevision(taskId: string, revision: number, change: RevisionChange): Promise<boolean> {
  return insertOnce(TaskRevisionModel, { _id: `${taskId}#${revision}`, taskId, ...change });
}

export interface CloseTaskRequest {
  taskId: string;
  state: 'completed' | 'canceled';
  by?: string;
  result?: Record<string, unknown>;
}

/**
 * Closes the task (completed or canceled) unless it is closed already, taking its turn.
 * `busy`: another change of it is being written (won less than TAKEOVER_AFTER_MS ago); the
 * caller tries again later. A change won longer ago than that was never written: the close
 * goes on. A task already closed is noted again (a retry may follow a crash before the note).
 */
export async function closeTaskRecord(request: CloseTaskRequest): Promise<'closed' | 'already-closed' | 'busy'> {
  const task = await TaskModel.findById(request.taskId, { state: 1, revision: 1, assignee: 1 }).lean<Pick<TaskRecord, 'state' | 'revision' | 'assignee'>>();
  if (!task || !isOpenTaskState(task.state)) {
    await noteTaskChanged(request.taskId);
    return 'already-closed';
  }
  const revision = task.revision ?? 0;
  const at = new Date();
  if (!(await winTaskRevision(request.taskId, revision, { action: request.state, by: request.by ?? 'process', assignee: task.assignee ?? null, at }))) {
    const winner = await TaskRevisionModel.findById(`${request.taskId}#${revision}`, { at: 1 }).lean<{ at: Date }>();
    if (winner && at.getTime() - winner.at.getTime() < TAKEOVER_AFTER_MS) return 'busy';
  }
  await updateTask(request.taskId, {
    $set: {
      state: request.state,
      ...(request.state === 'completed' ? { completedBy: request.by ?? null, completedAt: at, result: request.result ?? {} } : {}),
      // A closed task's revision moves on, so a client holding the open one gets 409, not a no-op.
      revision: revision + 1,
    },
    $push: { history: { at, by: request.by ?? null, action: request.state } },
  });
  return 'closed';
}
