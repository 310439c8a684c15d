/**
 * The inbox query: the one function the API's list and counters and `npm run bench:inbox` use.
 * Tabs (`view`): everything the caller may see, the caller's tasks, the tasks of the caller's
 * groups (or naming the caller), and the unassigned ones the caller could claim. Filters:
 * process, due before, state. Sorts and cursors: task-order.ts.
 *
 * Open tasks are answered by the in-memory inbox index (inbox-index.ts); closed ones (state
 * completed, canceled or all) by the store, with the same filter, sort and cursor.
 */
import { z } from 'zod';
import { OPEN_TASK_STATES, TASK_STATES, TaskModel } from '../../platform/storage';
import type { CurrentUser } from '../auth/current-user';
import { inboxIndex, SUMMARY_PROJECTION, type TaskSummaryRecord } from './inbox-index';
import { presentTaskSummary } from './present-task';
import { isOverseer, TASK_VIEWS, visibilityFilter, type TaskView } from './task-access';
import { afterCursorCondition, decodeCursor, encodeCursor, SORTS, TASK_SORTS } from './task-order';


export const taskFiltersSchema = z.object({
  view: z.enum(TASK_VIEWS).default('all'),
  state: z.enum(['open', 'all', ...TASK_STATES]).default('open'),
  processKey: z.string().min(1).max(200).optional(),
  /** ISO 8601: tasks due before this instant (tasks without a due date are left out). */
  dueBefore: z.iso.datetime({ offset: true }).optional(),
});
export const taskListSchema = taskFiltersSchema.extend({
  sort: z.enum(TASK_SORTS).default('created'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque: the `nextCursor` of the previous page (of the same filters and sort). */
  cursor: z.string().optional(),
});
export type TaskFilters = z.infer<typeof taskFiltersSchema>;
export type TaskListQuery = z.infer<typeof taskListSchema>;

/** The MongoDB filter of a tab and filters, for `user`. */
export function taskFilter(user: CurrentUser, filters: TaskFilters): Record<string, unknown> {
  const clauses: Record<string, unknown>[] = [];
  if (filters.state === 'open') clauses.push({ state: { $in: OPEN_TASK_STATES } });
  else if (filters.state !== 'all') clauses.push({ state: filters.state });
  switch (filters.view) {
    case 'mine':
      clauses.push({ assignee: user.username });
      break;
    case 'groups':
      clauses.push({ $or: [{ candidateGroups: { $in: user.groups } }, { candidateUsers: user.username }] });
      break;
    case 'unassigned':
      clauses.push({ assignee: null });
      // Overseers see every unassigned task; others those they could claim.
      if (!isOverseer(user)) clauses.push({ $or: [{ candidateGroups: { $in: user.groups } }, { candidateUsers: user.username }] });
      break;
    case 'all':
      if (!isOverseer(user)) clauses.push(visibilityFilter(user));
      break;
  }
  if (filters.processKey) clauses.push({ processKey: filters.processKey });
  if (filters.dueBefore) clauses.push({ dueDate: { $ne: null, $lt: new Date(filters.dueBefore) } });
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

export async function listTasks(user: CurrentUser, query: TaskListQuery, now = new Date()) {
  let page: { items: TaskSummaryRecord[]; nextCursor: string | null };
  if (inboxIndex.serves(query.state)) {
    await inboxIndex.ready();
    page = inboxIndex.list(user, query);
  } else {
    page = await listTasksFromStore(user, query);
  }
  return { items: page.items.map((task) => presentTaskSummary(task, now)), nextCursor: page.nextCursor };
}

/** The same list read from the store (closed tasks; and the reference the index is tested against). */
export async function listTasksFromStore(user: CurrentUser, query: TaskListQuery) {
  const sort = SORTS[query.sort];
  const filter = taskFilter(user, query);
  const conditions = query.cursor ? { $and: [filter, afterCursorCondition(sort, decodeCursor(sort, query.cursor))] } : filter;
  const page = await TaskModel.find(conditions, SUMMARY_PROJECTION)
    .sort(Object.fromEntries(sort))
    .limit(query.limit + 1)
    .lean<TaskSummaryRecord[]>();
  const items = page.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: page.length > query.limit && last ? encodeCursor(sort, last) : null };
}

/** The inbox tabs' counters (open tasks, with the process / due-before filters), and how many of them are late. */
export async function countTasks(user: CurrentUser, filters: Omit<TaskFilters, 'view' | 'state'>, now = new Date()) {
  await inboxIndex.ready();
  return inboxIndex.count(user, filters, now);
}

/** The same counters counted by the store (the reference the index is tested against). */
export async function countTasksInStore(user: CurrentUser, filters: Omit<TaskFilters, 'view' | 'state'>, now = new Date()) {
  const count = (view: TaskView, extra: Record<string, unknown> = {}) =>
    TaskModel.countDocuments({ $and: [taskFilter(user, { ...filters, view, state: 'open' }), extra] });
  const [all, mine, groups, unassigned, late] = await Promise.all([
    count('all'),
    count('mine'),
    count('groups'),
    count('unassigned'),
    count('all', { dueDate: { $ne: null, $lt: now } }),
  ]);
  return { all, mine, groups, unassigned, late };
}
