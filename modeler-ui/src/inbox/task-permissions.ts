/** Which actions to offer on a task; the same rules as the API's task-access, which has the last word. */
import type { TaskSummary, User } from '../api';

type Assignment = Pick<TaskSummary, 'assignee' | 'candidateUsers' | 'candidateGroups' | 'state'>;

const isOpen = (task: Assignment) => task.state === 'created' || task.state === 'assigned';
const isCandidate = (user: User, task: Assignment) => task.candidateUsers.includes(user.username) || task.candidateGroups.some((group) => user.groups.includes(group));
export const isOverseer = (user: User) => user.roles.includes('supervisor') || user.roles.includes('admin');

export const mayClaim = (user: User, task: Assignment) => isOpen(task) && task.assignee === null && isCandidate(user, task);

export const mayRelease = (user: User, task: Assignment) => isOpen(task) && task.assignee !== null && (task.assignee === user.username || isOverseer(user));

export const mayComplete = (user: User, task: Assignment) => isOpen(task) && (task.assignee === user.username || mayClaim(user, task));

/** Supervisors assign; the assignee delegates (to another candidate: the server checks). */
export const mayAssign = (user: User, task: Assignment) => isOpen(task) && (isOverseer(user) || task.assignee === user.username);
