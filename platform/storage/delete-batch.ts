import type { Model, QueryFilter } from 'mongoose';

/** How many records one purge deletes at most. */
export const PURGE_BATCH = 500;

/**
 * Deletes up to `PURGE_BATCH` records matching `filter`, by their ids, and returns how many
 * went: the purge of records nobody needs any more, a bounded batch at a time (FerretDB 1.x has
 * no TTL indexes).
 */
export async function deleteBatch<T>(model: Model<T>, filter: QueryFilter<T>): Promise<number> {
  const ids = (await model.find(filter, { _id: 1 }).limit(PURGE_BATCH).lean<{ _id: string }[]>()).map((record) => record._id);
  if (ids.length === 0) return 0;
  return (await model.deleteMany({ _id: { $in: ids } } as QueryFilter<T>)).deletedCount;
}
