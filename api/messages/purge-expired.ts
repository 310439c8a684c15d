/**
 * Expired buffered messages are deleted now and then (on each publication), a bounded batch
 * at a time, so the buffer does not grow forever. FerretDB 1.x has no TTL indexes. Only
 * messages expired for a while go: one that expired a moment ago may still be in the hands of
 * the publication that is delivering it.
 */
import { MessageModel } from '../../platform/storage';

export const PURGE_GRACE_MS = 60_000;
export const PURGE_BATCH = 500;

/** Deletes up to `PURGE_BATCH` messages expired before `now - PURGE_GRACE_MS`; returns how many. */
export async function purgeExpiredMessages(now = new Date()): Promise<number> {
  const expired = await MessageModel.find({ expiresAt: { $lt: new Date(now.getTime() - PURGE_GRACE_MS) } }, { _id: 1 })
    .limit(PURGE_BATCH)
    .lean<{ _id: string }[]>();
  if (expired.length === 0) return 0;
  const result = await MessageModel.deleteMany({ _id: { $in: expired.map((message) => message._id) } });
  return result.deletedCount;
}
