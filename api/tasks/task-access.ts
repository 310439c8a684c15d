/** Who may see and who may work on a task. One place, used by every task operation. */
import type { TaskRecord } from '../../platform/storage';
import type { CurrentUser } from '../auth/current-user';

const OVERSEERS = ['admin', 'supervisor'] as const;

export function isCandidate(user: CurrentUser, task: Pick<TaskRecord, 'candidateUsers' | 'candidateGroups'>): boolean {
  return task.candidateUsers.includes(user.username) || task.candidateGroups.some((group) => user.groups.includes(group));
}

export function canSee(user: CurrentUser, task: Pick<TaskRecord, 'assignee' | 'candidateUsers' | 'candidateGroups'>): boolean {
  return user.roles.some((role) => (OVERSEERS as readonly string[]).includes(role)) || task.assignee === user.username || isCandidate(user, task);
}

/** Only the person doing the work acts on a task: its assignee, or a candidate while it is unassigned. */
export function canWork(user: CurrentUser, task: Pick<TaskRecord, 'assignee' | 'candidateUsers' | 'candidateGroups'>): boolean {
  return task.assignee === user.username || (task.assignee === null && isCandidate(user, task));
}

/** The MongoDB filter of the tasks a user may see. */
export function visibilityFilter(user: CurrentUser): Record<string, unknown> {
  if (user.roles.some((role) => (OVERSEERS as readonly string[]).includes(role))) return {};
  return { $or: [{ assignee: user.username }, { candidateUsers: user.username }, { candidateGroups: { $in: user.groups } }] };
}
