import type { Model } from 'mongoose';

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}

/**
 * Inserts a document keyed by a derived `_id` unless it already exists: the idempotent write
 * for records a retried activity may create twice. Returns false when it already existed.
 * (Not `updateOne` + `$setOnInsert` + upsert: FerretDB 1.x drops null and empty-array fields
 * from `$setOnInsert`.)
 */
export async function insertOnce<T>(model: Model<T>, document: Record<string, unknown> & { _id: string }): Promise<boolean> {
  try {
    await new model(document).save();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
