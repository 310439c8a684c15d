/** Who may see and who may work on a task. One place, used by every task operation. */
import type { TaskRecord } from '../../platform/storage';
import type { CurrentUser } from '../auth/current-user';

const OVERSEERS = ['admin', 'supervisor'] as const;

/** The inbox tabs: everything the user may see, their tasks, their groups' tasks, the unassigned ones they could claim. */
export const TASK_VIEWS = ['all', 'mine', 'groups', 'unassigned'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

type Assignment = Pick<TaskRecord, 'assignee' | 'candidateUsers' | 'candidateGroups'>;

export function isOverseer(user: Pick<CurrentUser, 'roles'>): boolean {
  return user.roles.some((role) => (OVERSEERS as readonly string[]).includes(role));
}

export function isCandidate(user: Pick<CurrentUser, 'username' | 'groups'>, task: Pick<TaskRecord, 'candidateUsers' | 'candidateGroups'>): boolean {
  return task.candidateUsers.includes(user.username) || task.candidateGroups.some((group) => user.groups.includes(group));
}

export function canSee(user: CurrentUser, task: Assignment): boolean {
  return isOverseer(user) || task.assignee === user.username || isCandidate(user, task);
}

/** Only the person doing the work acts on a task: its assignee, or a candidate while it is unassigned. */
export function canWork(user: CurrentUser, task: Assignment): boolean {
  return task.assignee === user.username || (task.assignee === null && isCandidate(user, task));
}

/**
 * Who may give a task to someone: a supervisor or admin, to anyone (an assignment); its
 * assignee, to another candidate of the task (a delegation: the work stays with the people the
 * process named).
 */
export function assignmentKind(user: CurrentUser, task: Assignment): 'assigned' | 'delegated' | undefined {
  if (isOverseer(user)) return 'assigned';
  if (task.assignee === user.username) return 'delegated';
  return undefined;
}

/** The MongoDB filter of the tasks a user may see. */
export function visibilityFilter(user: CurrentUser): Record<string, unknown> {
  if (isOverseer(user)) return {};
  return { $or: [{ assignee: user.username }, { candidateUsers: user.username }, { candidateGroups: { $in: user.groups } }] };
}
