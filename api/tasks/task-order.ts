/**
 * The inbox's orders and cursors, one definition for both places that answer a list: the store
 * query (a MongoDB sort and a cursor condition) and the in-memory inbox index (a comparator and
 * a cursor test). Keyset pagination: the cursor holds the sort values of the last item, so a
 * page costs the same however deep it is, and tasks changing meanwhile never make a page
 * repeat or skip the others.
 */
import { problems } from '../problems';

export const TASK_SORTS = ['created', 'due', 'priority'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

type SortField = 'createdAt' | 'dueSort' | 'priority' | '_id';
export type SortKey = readonly [field: SortField, direction: 1 | -1];

/** Newest first; soonest due first (no due date last, see NO_DUE_DATE); highest priority first, oldest first within one. `_id` breaks ties. */
export const SORTS: Record<TaskSort, readonly SortKey[]> = {
  created: [['createdAt', -1], ['_id', -1]],
  due: [['dueSort', 1], ['_id', 1]],
  priority: [['priority', -1], ['createdAt', 1], ['_id', 1]],
};
const DATE_FIELDS = new Set<SortField>(['createdAt', 'dueSort']);

type Sortable = { [field in SortField]?: unknown };

export function encodeCursor(sort: readonly SortKey[], task: Sortable): string {
  const values = sort.map(([field]) => {
    const value = task[field];
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(sort: readonly SortKey[], cursor: string): unknown[] {
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

/** The store's condition for the items after the cursor: (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or ... */
export function afterCursorCondition(sort: readonly SortKey[], values: unknown[]): Record<string, unknown> {
  return {
    $or: sort.map(([field, direction], index) => ({
      ...Object.fromEntries(sort.slice(0, index).map(([previous], i) => [previous, values[i]])),
      [field]: { [direction === 1 ? '$gt' : '$lt']: values[index] },
    })),
  };
}

function compareValues(a: unknown, b: unknown): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  // Task ids are compared as the store does for ASCII: by code unit.
  return (x as number | string) < (y as number | string) ? -1 : (x as number | string) > (y as number | string) ? 1 : 0;
}

/** The comparator of a sort, for tasks held in memory. */
export function comparatorOf(sort: readonly SortKey[]): (a: Sortable, b: Sortable) => number {
  return (a, b) => {
    for (const [field, direction] of sort) {
      const order = compareValues(a[field], b[field]);
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}

/** Whether a task held in memory comes after the cursor's values in `sort`. */
export function isAfterCursor(sort: readonly SortKey[], values: unknown[], task: Sortable): boolean {
  for (const [index, [field, direction]] of sort.entries()) {
    const order = compareValues(task[field], values[index]) * direction;
    if (order !== 0) return order > 0;
  }
  return false;
}
