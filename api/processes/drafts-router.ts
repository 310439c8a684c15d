/** `/processes/:key/draft`: the pending draft of a process, its conflict copies, and saving or discarding it. */
import { Router } from 'express';
import { z } from 'zod';
import { DraftConflictModel } from '../../platform/storage';
import { currentUser } from '../auth/current-user';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { discardDraft, loadDraft, saveDraft } from './drafts';

const saveSchema = z.object({
  bpmnXml: z.string().min(1, 'bpmnXml must hold the BPMN XML').max(5 * 1024 * 1024),
  /** The revision this save is based on (0 for the first save): a stale one is refused with 409. */
  baseRevision: z.number().int().min(0),
  basedOnVersion: z.number().int().min(1).nullable().optional(),
});
const discardSchema = z.object({ baseRevision: z.coerce.number().int().min(0) });

export function draftsRouter(): Router {
  // mergeParams: `:key` is the parent router's.
  const router = Router({ mergeParams: true });
  const keyOf = (params: Record<string, string>) => params.key!;

  router.get('/', async (req, res) => {
    const draft = await loadDraft(keyOf(req.params));
    if (draft.revision === 0) throw problems.notFound('Draft', keyOf(req.params));
    const conflicts = await DraftConflictModel.find({ processKey: draft.processKey }, { bpmnXml: 0 }).sort({ savedAt: -1 }).limit(50).lean();
    res.json({ ...draft, conflicts: conflicts.map(({ _id, ...conflict }) => ({ id: _id, ...conflict })) });
  });

  router.put('/', async (req, res) => {
    const { bpmnXml, baseRevision, basedOnVersion } = parseRequest(saveSchema, req.body);
    res.json(await saveDraft(keyOf(req.params), { bpmnXml, baseRevision, basedOnVersion: basedOnVersion ?? null, by: currentUser(res).username }));
  });

  router.delete('/', async (req, res) => {
    const { baseRevision } = parseRequest(discardSchema, req.query);
    res.json(await discardDraft(keyOf(req.params), { baseRevision, by: currentUser(res).username }));
  });

  router.get('/conflicts/:id', async (req, res) => {
    const found = await DraftConflictModel.findOne({ _id: req.params.id, processKey: keyOf(req.params) }).lean();
    if (!found) throw problems.notFound('Conflict copy', req.params.id);
    const { _id, ...conflict } = found;
    res.json({ id: _id, ...conflict });
  });

  /** The owner chose between the conflict copy and the draft: the copy is no longer needed. */
  router.delete('/conflicts/:id', async (req, res) => {
    await DraftConflictModel.deleteOne({ _id: req.params.id, processKey: keyOf(req.params) });
    res.status(204).end();
  });

  return router;
}
