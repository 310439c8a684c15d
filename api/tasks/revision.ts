/**
 * The version check of mutating task requests. A client may send the revision of the task it
 * saw (`If-Match: "3"`, or `"revision": 3` in the body); if the task changed since, the request
 * is refused with 409 and the current state, so nobody acts on a task they have not seen as it
 * is. Without one, the server's own arbitration (task-revision records) still prevents races.
 */
import type { Request } from 'express';
import type { TaskRecord } from '../../platform/storage';
import { problems } from '../problems';
import { presentTask } from './present-task';

export function expectedRevision(req: Request): number | undefined {
  const body = req.body as { revision?: unknown } | undefined;
  if (body && typeof body === 'object' && body.revision !== undefined) {
    if (typeof body.revision === 'number' && Number.isInteger(body.revision) && body.revision >= 0) return body.revision;
    throw problems.invalidRequest([{ path: 'revision', message: 'must be the task revision this API returned (an integer ≥ 0)' }]);
  }
  const header = req.headers['if-match'];
  if (!header || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw problems.invalidRequest([{ path: 'If-Match', message: 'must be the task\'s ETag (its revision, e.g. "3")' }]);
  return Number(match[1]);
}

export function assertRevision(task: TaskRecord, expected: number | undefined): void {
  if (expected === undefined || expected === (task.revision ?? 0)) return;
  const who = task.assignee ? ` (now ${task.state}, assigned to ${task.assignee})` : ` (now ${task.state})`;
  throw problems.conflict(`Task ${task._id} changed since you loaded it: revision ${expected}, now ${task.revision ?? 0}${who}. Nothing was changed; look at it again before acting.`, {
    currentState: presentTask(task),
  });
}

/** The ETag of a task: its revision. */
export const etagOf = (task: { revision?: number | null }) => `"${task.revision ?? 0}"`;
