/** Which actions to offer on a task; the same rules as the API's task-access, which has the last word. */
import type { Task, User } from '../api';

const isCandidate = (user: User, task: Task) =>
  task.candidateUsers.includes(user.username) || task.candidateGroups.some((group) => user.groups.includes(group));

export const mayClaim = (user: User, task: Task) => task.assignee === null && isCandidate(user, task);

export const mayRelease = (user: User, task: Task) =>
  task.assignee !== null && (task.assignee === user.username || user.roles.includes('supervisor') || user.roles.includes('admin'));

export const mayComplete = (user: User, task: Task) => task.assignee === user.username || mayClaim(user, task);
