/**
 * Keeps the processes' read model (one ProcessSummary per process) in step with deploys
 * and drafts. Each write only moves a record forward (a higher version, a higher draft
 * revision), so concurrent writers cannot move it back.
 */
import { insertOnce } from './insert-once';
import { ProcessSummaryModel } from './process-summary';
import { ProcessVersionModel } from './process-version';

interface Deployed {
  processKey: string;
  version: number;
  name: string | null;
  deployedBy: string;
  deployedAt: Date;
}

export async function recordDeployment({ processKey, version, name, deployedBy, deployedAt }: Deployed): Promise<void> {
  const fields = { name, latestVersion: version, deployedAt, deployedBy };
  if (await insertOnce(ProcessSummaryModel, { _id: processKey, owner: deployedBy, ...fields })) return;
  await ProcessSummaryModel.updateOne({ _id: processKey, $or: [{ latestVersion: null }, { latestVersion: { $lt: version } }] }, { $set: fields });
}

interface DraftChange {
  processKey: string;
  /** Null: the draft was discarded. */
  revision: number | null;
  /** Orders the changes: a draft's revision goes up by one per change, discards included. */
  changeNumber: number;
  name: string | null;
  savedBy: string;
  savedAt: Date;
}

export async function recordDraft({ processKey, revision, changeNumber, name, savedBy, savedAt }: DraftChange): Promise<void> {
  const fields = revision === null ? { draftRevision: null, draftSavedAt: null, draftSavedBy: null, draftChange: changeNumber } : { draftRevision: revision, draftSavedAt: savedAt, draftSavedBy: savedBy, draftChange: changeNumber };
  // A process never deployed takes its name from its draft; a deployed one keeps its deployed name.
  if (await insertOnce(ProcessSummaryModel, { _id: processKey, owner: savedBy, name, ...fields })) return;
  await ProcessSummaryModel.updateOne(
    { _id: processKey, $or: [{ draftChange: null }, { draftChange: { $lt: changeNumber } }] },
    { $set: fields },
  );
}

/**
 * Processes deployed before the library had its read model get their record, once per API or
 * worker process (the library and the event start events read the latest versions from it):
 * one indexed query per process key, never a read of every version.
 */
let backfilled: Promise<void> | undefined;

export function backfillSummaries(): Promise<void> {
  backfilled ??= (async () => {
    const keys = (await ProcessVersionModel.distinct('processKey')) as string[];
    // A summary a draft created (no version yet) does not count: the process may have versions from before the summaries.
    const known = new Set((await ProcessSummaryModel.find({ _id: { $in: keys }, latestVersion: { $ne: null } }, { _id: 1 }).lean()).map((s) => s._id));
    for (const processKey of keys.filter((key) => !known.has(key))) {
      const latest = await ProcessVersionModel.findOne({ processKey }, { version: 1, name: 1, deployedBy: 1, deployedAt: 1 }).sort({ version: -1 }).lean();
      if (latest) await recordDeployment({ processKey, version: latest.version, name: latest.name ?? null, deployedBy: latest.deployedBy, deployedAt: latest.deployedAt });
    }
  })().catch((error: unknown) => {
    backfilled = undefined;
    throw error;
  });
  return backfilled;
}
