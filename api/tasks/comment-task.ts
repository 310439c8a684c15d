/**
 * Comments: anyone who may see a task (its candidates, assignee, supervisors, admins) may
 * comment it, open or closed. A comment changes no revision: it conflicts with nothing.
 */
import { randomUUID } from 'node:crypto';
import { updateTask } from '../../platform/storage';
import type { CurrentUser } from '../auth/current-user';
import { problems } from '../problems';
import { loadTask } from './load-task';
import { presentTask } from './present-task';
import { canSee } from './task-access';

export async function commentTask(user: CurrentUser, taskId: string, text: string) {
  const task = await loadTask(taskId);
  if (!canSee(user, task)) throw problems.forbidden(`Task ${taskId} is not yours to see, so you cannot comment it: it is for ${task.candidateGroups.join(', ') || task.assignee || 'others'}.`);
  const at = new Date();
  const comment = { id: randomUUID(), at, by: user.username, text };
  await updateTask(taskId, { $push: { comments: comment, history: { at, by: user.username, action: 'commented', comment: text } } });
  return { comment, task: presentTask(await loadTask(taskId)) };
}
