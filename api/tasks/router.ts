import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { currentUser } from '../auth/current-user';
import { taskFormOf } from '../forms/task-form';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { assignTask } from './assign-task';
import { changeAssignee } from './change-assignee';
import { commentTask } from './comment-task';
import { completeTask } from './complete-task';
import { assertOpen, loadTask } from './load-task';
import { inboxIndex } from './inbox-index';
import { presentTask } from './present-task';
import { assertRevision, etagOf, expectedRevision } from './revision';
import { TaskEventHub } from './task-events';
import { canSee, canWork } from './task-access';
import { countTasks, listTasks, taskFiltersSchema, taskListSchema } from './task-query';

const revisionField = { revision: z.number().int().min(0).optional() };
const completeSchema = z.object({ variables: z.record(z.string(), z.unknown()).default({}), ...revisionField });
const assignSchema = z.object({ assignee: z.string().min(1).max(200), ...revisionField });
const commentSchema = z.object({ text: z.string().trim().min(1, 'write something').max(4000) });
const countsSchema = taskFiltersSchema.pick({ processKey: true, dueBefore: true });

/** A task as answers give it, its form resolved (a form stored by id after the task opened is read now). */
async function withForm<T extends { form: unknown }>(presented: T): Promise<T> {
  const form = await taskFormOf({ form: presented.form });
  return form ? { ...presented, form } : presented;
}

export function tasksRouter(client: Client): Router {
  const router = Router();
  const events = new TaskEventHub(inboxIndex);

  router.get('/', async (req, res) => {
    res.json(await listTasks(currentUser(res), parseRequest(taskListSchema, req.query)));
  });

  router.get('/counts', async (req, res) => {
    res.json(await countTasks(currentUser(res), parseRequest(countsSchema, req.query)));
  });

  router.get('/events', (_req, res) => {
    events.listen(currentUser(res), res);
  });

  router.get('/:id', async (req, res) => {
    const task = await loadTask(req.params.id);
    if (!canSee(currentUser(res), task)) throw problems.forbidden(`Task ${task._id} is not for you: it is for ${task.candidateGroups.join(', ') || task.assignee}.`);
    res.set('etag', etagOf(task)).json(await withForm(presentTask(task)));
  });

  router.post('/:id/claim', async (req, res) => {
    const user = currentUser(res);
    const expected = expectedRevision(req);
    const task = await loadTask(req.params.id);
    assertOpen(task, 'claimed');
    if (task.assignee === user.username) return res.set('etag', etagOf(task)).json(await withForm(presentTask(task)));
    if (task.assignee !== null) throw problems.conflict(`Task ${task._id} was claimed by ${task.assignee}. Pick another task.`, { currentState: presentTask(task) });
    if (!canWork(user, task)) throw problems.forbidden(`Task ${task._id} is for ${task.candidateGroups.join(', ') || 'other people'}; you are not among its candidates.`);
    assertRevision(task, expected);
    const claimed = await changeAssignee(task, { assignee: user.username, action: 'claimed', by: user.username });
    res.set('etag', etagOf(claimed)).json(await withForm(presentTask(claimed)));
  });

  router.post('/:id/unclaim', async (req, res) => {
    const user = currentUser(res);
    const expected = expectedRevision(req);
    const task = await loadTask(req.params.id);
    assertOpen(task, 'released');
    const mayRelease = task.assignee === user.username || user.roles.includes('supervisor') || user.roles.includes('admin');
    if (!mayRelease) throw problems.forbidden(`Only ${task.assignee ?? 'its assignee'} or a supervisor can release task ${task._id}.`);
    if (task.assignee === null) return res.set('etag', etagOf(task)).json(await withForm(presentTask(task)));
    assertRevision(task, expected);
    const released = await changeAssignee(task, { assignee: null, action: 'unclaimed', by: user.username });
    res.set('etag', etagOf(released)).json(await withForm(presentTask(released)));
  });

  router.post('/:id/assign', async (req, res) => {
    const { assignee } = parseRequest(assignSchema, req.body ?? {});
    const assigned = await assignTask(currentUser(res), req.params.id, assignee, expectedRevision(req));
    res.set('etag', etagOf(assigned)).json(await withForm(assigned));
  });

  router.post('/:id/comments', async (req, res) => {
    const { text } = parseRequest(commentSchema, req.body ?? {});
    const { comment, task } = await commentTask(currentUser(res), req.params.id, text);
    res.status(201).json({ comment, task: await withForm(task) });
  });

  router.post('/:id/complete', async (req, res) => {
    const { variables } = parseRequest(completeSchema, req.body ?? {});
    const completed = await completeTask(client, currentUser(res), req.params.id, variables, expectedRevision(req));
    res.set('etag', etagOf(completed)).json(completed);
  });

  return router;
}
