/**
 * Expired buffered messages are deleted now and then (on each publication), a bounded batch
 * at a time, so the buffer does not grow forever. FerretDB 1.x has no TTL indexes. Only
 * messages expired for a while go: one that expired a moment ago may still be in the hands of
 * the publication that is delivering it.
 */
import { deleteBatch, MessageModel } from '../../platform/storage';

export const PURGE_GRACE_MS = 60_000;

/** Deletes up to `PURGE_BATCH` messages expired before `now - PURGE_GRACE_MS`; returns how many. */
export function purgeExpiredMessages(now = new Date()): Promise<number> {
  return deleteBatch(MessageModel, { expiresAt: { $lt: new Date(now.getTime() - PURGE_GRACE_MS) } });
}
