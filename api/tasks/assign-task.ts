/**
 * Assignment and delegation: a supervisor or admin gives an open task to any active user; its
 * assignee hands it to another candidate of the task. Agents who do not hold it, and process
 * owners, may not.
 */
import { UserModel } from '../../platform/storage';
import type { CurrentUser } from '../auth/current-user';
import { problems } from '../problems';
import { changeAssignee } from './change-assignee';
import { assertOpen, loadTask } from './load-task';
import { presentTask } from './present-task';
import { assertRevision } from './revision';
import { assignmentKind, isCandidate } from './task-access';

export async function assignTask(user: CurrentUser, taskId: string, assignee: string, expectedRevision?: number) {
  const task = await loadTask(taskId);
  assertOpen(task, 'assigned');
  const kind = assignmentKind(user, task);
  if (!kind) {
    throw problems.forbidden(
      `Only a supervisor, or ${task.assignee ?? 'the agent holding it'}, can give task ${taskId} to someone${task.assignee ? '' : ' (it is unassigned: claim it first)'}.`,
    );
  }
  assertRevision(task, expectedRevision);
  const target = await UserModel.findById(assignee).lean();
  if (!target || !target.active) throw problems.invalidRequest([{ path: 'assignee', message: `no active user is named "${assignee}"` }]);
  if (kind === 'delegated' && !isCandidate({ username: target._id, groups: target.groups }, task)) {
    throw problems.forbidden(
      `${assignee} is not a candidate of task ${taskId} (${[...task.candidateGroups, ...task.candidateUsers].join(', ') || 'none'}): you can only hand it to a candidate. Ask a supervisor to assign it elsewhere.`,
    );
  }
  if (task.assignee === assignee) return presentTask(task);
  return presentTask(await changeAssignee(task, { assignee, action: kind, by: user.username }));
}
