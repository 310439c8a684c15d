import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { OPEN_TASK_STATES, TASK_STATES, TaskModel, type TaskRecord } from '../../platform/storage';
import { currentUser } from '../auth/current-user';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { completeTask } from './complete-task';
import { assertOpen, loadTask } from './load-task';
import { changeAssignee } from './change-assignee';
import { presentTask } from './present-task';
import { canSee, canWork, visibilityFilter } from './task-access';

const listSchema = z.object({
  state: z.enum(['open', 'all', ...TASK_STATES]).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().optional(),
});

const completeSchema = z.object({ variables: z.record(z.string(), z.unknown()).default({}) });

interface Cursor {
  createdAt: string;
  id: string;
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Cursor;
    if (typeof parsed.createdAt === 'string' && typeof parsed.id === 'string') return parsed;
  } catch {
    // reported below
  }
  throw problems.invalidRequest([{ path: 'cursor', message: 'not a cursor this API returned; start again without it' }]);
}

export function tasksRouter(client: Client): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseRequest(listSchema, req.query);
    const user = currentUser(res);
    const filters: Record<string, unknown>[] = [visibilityFilter(user)];
    if (query.state === 'open') filters.push({ state: { $in: OPEN_TASK_STATES } });
    else if (query.state !== 'all') filters.push({ state: query.state });
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      const at = new Date(createdAt);
      filters.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: id } }] });
    }
    const page = await TaskModel.find({ $and: filters }).sort({ createdAt: -1, _id: -1 }).limit(query.limit + 1).lean<TaskRecord[]>();
    const items = page.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = page.length > query.limit && last ? Buffer.from(JSON.stringify({ createdAt: last.createdAt.toISOString(), id: last._id })).toString('base64url') : null;
    res.json({ items: items.map(presentTask), nextCursor });
  });

  router.get('/:id', async (req, res) => {
    const task = await loadTask(req.params.id);
    if (!canSee(currentUser(res), task)) throw problems.forbidden(`Task ${task._id} is not for you: it is for ${task.candidateGroups.join(', ') || task.assignee}.`);
    res.json(presentTask(task));
  });

  router.post('/:id/claim', async (req, res) => {
    const user = currentUser(res);
    const task = await loadTask(req.params.id);
    assertOpen(task, 'claimed');
    if (task.assignee === user.username) return res.json(presentTask(task));
    if (task.assignee !== null) throw problems.conflict(`Task ${task._id} was claimed by ${task.assignee}. Pick another task.`, { currentState: presentTask(task) });
    if (!canWork(user, task)) throw problems.forbidden(`Task ${task._id} is for ${task.candidateGroups.join(', ') || 'other people'}; you are not among its candidates.`);
    res.json(presentTask(await changeAssignee(task, { assignee: user.username, action: 'claimed', by: user.username })));
  });

  router.post('/:id/unclaim', async (req, res) => {
    const user = currentUser(res);
    const task = await loadTask(req.params.id);
    assertOpen(task, 'released');
    const mayRelease = task.assignee === user.username || user.roles.includes('supervisor') || user.roles.includes('admin');
    if (!mayRelease) throw problems.forbidden(`Only ${task.assignee ?? 'its assignee'} or a supervisor can release task ${task._id}.`);
    if (task.assignee === null) return res.json(presentTask(task));
    res.json(presentTask(await changeAssignee(task, { assignee: null, action: 'unclaimed', by: user.username })));
  });

  router.post('/:id/complete', async (req, res) => {
    const { variables } = parseRequest(completeSchema, req.body ?? {});
    res.json(await completeTask(client, currentUser(res), req.params.id, variables));
  });

  return router;
}
