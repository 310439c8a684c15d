/**
 * Drafts of processes, saved as the owner draws, apart from deployed versions. Every change
 * names the revision it was based on; of concurrent changes based on the same revision exactly
 * one wins (insert arbitration, see DraftRevisionModel), and a refused save is kept as a
 * conflict copy, so two owners editing the same draft never lose work.
 */
import { randomUUID } from 'node:crypto';
import { DraftConflictModel, DraftRevisionModel, insertOnce, ProcessDraftModel } from '../../platform/storage';
import { problems } from '../problems';
import { recordDraft } from '../../platform/storage/process-summaries';
import { processOf } from './process-key';

export interface DraftView {
  processKey: string;
  /** 0: never saved. */
  revision: number;
  /** Null: no pending draft (never saved, discarded or deployed). */
  bpmnXml: string | null;
  basedOnVersion: number | null;
  savedBy: string | null;
  savedAt: Date | null;
}

const revisionId = (processKey: string, revision: number) => `${processKey}#${revision}`;
/** A draft record lags its winning revision records by at most the writes in flight. */
const MAX_LAG = 20;

/**
 * The draft as it is: the draft record, moved forward by any revision record won after it was
 * written (the winner may not have updated the draft record yet).
 */
export async function loadDraft(processKey: string): Promise<DraftView> {
  const stored = await ProcessDraftModel.findById(processKey).lean();
  let draft: DraftView = stored
    ? { processKey, revision: stored.revision, bpmnXml: stored.bpmnXml ?? null, basedOnVersion: stored.basedOnVersion ?? null, savedBy: stored.savedBy, savedAt: stored.savedAt }
    : { processKey, revision: 0, bpmnXml: null, basedOnVersion: null, savedBy: null, savedAt: null };
  for (let step = 0; step < MAX_LAG; step += 1) {
    const next = await DraftRevisionModel.findById(revisionId(processKey, draft.revision)).lean();
    if (!next) break;
    draft = { processKey, revision: draft.revision + 1, bpmnXml: next.bpmnXml ?? null, basedOnVersion: next.basedOnVersion ?? null, savedBy: next.savedBy, savedAt: next.savedAt };
  }
  return draft;
}

interface Change {
  bpmnXml: string | null;
  baseRevision: number;
  basedOnVersion: number | null;
  by: string;
}

/** Keeps the refused XML as a conflict copy and answers 409 with the draft that won. */
async function refuse(processKey: string, change: Change): Promise<never> {
  const current = await loadDraft(processKey);
  const extensions: Record<string, unknown> = { currentDraft: current };
  if (change.bpmnXml !== null) {
    const conflictId = randomUUID();
    await DraftConflictModel.create({
      _id: conflictId, processKey, bpmnXml: change.bpmnXml, baseRevision: change.baseRevision, currentRevision: current.revision, savedBy: change.by, savedAt: new Date(),
    });
    extensions.conflictId = conflictId;
  }
  const who = current.savedBy ? ` by ${current.savedBy}` : '';
  throw problems.conflict(
    `The draft of ${processKey} is at revision ${current.revision}${who}, not ${change.baseRevision}: it changed meanwhile. ` +
      (change.bpmnXml !== null ? 'Your version was kept as a conflict copy; open the current draft, then keep one of the two.' : 'Nothing was discarded; open the current draft.'),
    extensions,
  );
}

async function applyChange(processKey: string, change: Change, name: string | null): Promise<DraftView> {
  const current = await loadDraft(processKey);
  if (current.revision !== change.baseRevision) return refuse(processKey, change);
  const savedAt = new Date();
  const record = { bpmnXml: change.bpmnXml, basedOnVersion: change.basedOnVersion, savedBy: change.by, savedAt };
  const won = await insertOnce(DraftRevisionModel, { _id: revisionId(processKey, change.baseRevision), processKey, ...record });
  if (!won) return refuse(processKey, change);
  const revision = change.baseRevision + 1;
  // Only the winner of `#base` writes revision base + 1; the filter keeps a slow writer from moving the record back.
  if (!(await insertOnce(ProcessDraftModel, { _id: processKey, revision, ...record }))) {
    await ProcessDraftModel.updateOne({ _id: processKey, revision: { $lt: revision } }, { $set: { revision, ...record } });
  }
  await recordDraft({ processKey, revision: change.bpmnXml === null ? null : revision, changeNumber: revision, name, savedBy: change.by, savedAt });
  return { processKey, revision, ...record };
}

export async function saveDraft(processKey: string, change: Change & { bpmnXml: string }): Promise<DraftView> {
  const process = await processOf(change.bpmnXml);
  if (process.key !== processKey) {
    throw problems.invalidRequest([{ path: 'bpmnXml', message: `the diagram's process id is "${process.key}": save it under /processes/${process.key}/draft` }]);
  }
  return applyChange(processKey, change, process.name);
}

/** Drops the pending draft (after a deploy, or on request) unless it changed since `baseRevision`. */
export function discardDraft(processKey: string, change: Omit<Change, 'bpmnXml' | 'basedOnVersion'>): Promise<DraftView> {
  return applyChange(processKey, { ...change, bpmnXml: null, basedOnVersion: null }, null);
}
