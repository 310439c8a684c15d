/**
 * The inbox query: the one function the API's list and counters and `npm run bench:inbox` use.
 * Tabs (`view`): everything the caller may see, the caller's tasks, the tasks of the caller's
 * groups (or naming the caller), and the unassigned ones the caller could claim. Filters:
 * process, due before, state. Sorts: newest first, soonest due first (no due date last),
 * highest priority first (oldest first within a priority). Keyset pagination: the cursor holds
 * the sort values of the last item, so a page costs the same however deep it is, and tasks
 * changing meanwhile never make a page repeat or skip the others.
 */
import { z } from 'zod';
import { OPEN_TASK_STATES, TASK_STATES, TaskModel, type TaskRecord } from '../../platform/storage';
import type { CurrentUser } from '../auth/current-user';
import { problems } from '../problems';
import { presentTaskSummary } from './present-task';
import { isOverseer, visibilityFilter } from './task-access';

export const TASK_VIEWS = ['all', 'mine', 'groups', 'unassigned'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
export const TASK_SORTS = ['created', 'due', 'priority'] as const;

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

type SortKey = readonly [field: 'createdAt' | 'dueSort' | 'priority' | '_id', direction: 1 | -1];
const SORTS: Record<TaskListQuery['sort'], readonly SortKey[]> = {
  created: [['createdAt', -1], ['_id', -1]],
  due: [['dueSort', 1], ['_id', 1]],
  priority: [['priority', -1], ['createdAt', 1], ['_id', 1]],
};
const DATE_FIELDS = new Set(['createdAt', 'dueSort']);

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

function encodeCursor(sort: readonly SortKey[], task: Record<string, unknown>): string {
  const values = sort.map(([field]) => {
    const value = task[field];
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(sort: readonly SortKey[], cursor: string): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (Array.isArray(values) && values.length === sort.length) {
      return values.map((value, index) => {
        const [field] = sort[index]!;
        if (DATE_FIELDS.has(field)) {
          const date = new Date(String(value));
          if (Number.isNaN(date.getTime())) throw new Error('not a date');
          return date;
        }
        if (field === 'priority' ? typeof value !== 'number' : typeof value !== 'string') throw new Error('wrong type');
        return value;
      });
    }
  } catch {
    // reported below
  }
  throw problems.invalidRequest([{ path: 'cursor', message: 'not a cursor this API returned for this sort; start again without it' }]);
}

/** Items after the cursor: (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or ... */
function afterCursor(sort: readonly SortKey[], values: unknown[]): Record<string, unknown> {
  return {
    $or: sort.map(([field, direction], index) => ({
      ...Object.fromEntries(sort.slice(0, index).map(([previous], i) => [previous, values[i]])),
      [field]: { [direction === 1 ? '$gt' : '$lt']: values[index] },
    })),
  };
}

/** Only what the list shows: case data stays out of lists (and out of the bench's timings). */
const SUMMARY_PROJECTION = { variables: 0, history: 0, comments: 0, result: 0, form: 0, headers: 0 };

export async function listTasks(user: CurrentUser, query: TaskListQuery, now = new Date()) {
  const sort = SORTS[query.sort];
  const filter = taskFilter(user, query);
  const conditions = query.cursor ? { $and: [filter, afterCursor(sort, decodeCursor(sort, query.cursor))] } : filter;
  const page = await TaskModel.find(conditions, SUMMARY_PROJECTION)
    .sort(Object.fromEntries(sort))
    .limit(query.limit + 1)
    .lean<TaskRecord[]>();
  const items = page.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((task) => presentTaskSummary(task, now)),
    nextCursor: page.length > query.limit && last ? encodeCursor(sort, last as unknown as Record<string, unknown>) : null,
  };
}

/** The inbox tabs' counters (open tasks, with the process / due-before filters), and how many of them are late. */
export async function countTasks(user: CurrentUser, filters: Omit<TaskFilters, 'view' | 'state'>, now = new Date()) {
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
