import { Router, type Request } from 'express';
import { z } from 'zod';
import { ProcessSummaryModel, ProcessVersionModel, type ProcessSummaryRecord } from '../../platform/storage';
import { currentUser, requireRole } from '../auth/current-user';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { deployProcess, type DeploySettings } from './deploy-process';
import { draftsRouter } from './drafts-router';
import { backfillSummaries } from '../../platform/storage/process-summaries';

const MESSAGE_MAX = 2000;
const jsonDeploySchema = z.object({
  bpmnXml: z.string().min(1, 'bpmnXml must hold the BPMN XML'),
  message: z.string().max(MESSAGE_MAX).optional(),
});

/** The XML comes raw (`application/xml`, the message in `?message=`) or wrapped in JSON (`{ bpmnXml, message }`). */
function deployRequestOf(req: Request): { bpmnXml: string; message: string } {
  if (req.is(['application/xml', 'text/xml'])) {
    if (typeof req.body !== 'string' || req.body.trim() === '') throw problems.invalidRequest([{ path: '', message: 'the body is empty; send the BPMN XML' }]);
    const { message } = parseRequest(z.object({ message: z.string().max(MESSAGE_MAX).optional() }), req.query);
    return { bpmnXml: req.body, message: message ?? '' };
  }
  if (req.is('application/json')) {
    const { bpmnXml, message } = parseRequest(jsonDeploySchema, req.body);
    return { bpmnXml, message: message ?? '' };
  }
  throw problems.unsupportedMediaType(['application/xml (the BPMN file)', 'application/json ({ "bpmnXml": "...", "message": "..." })']);
}

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});
const versionPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Versions below this one (the previous page's `nextCursor`). */
  cursor: z.coerce.number().int().min(1).optional(),
});

function presentSummary(summary: ProcessSummaryRecord) {
  return {
    processKey: summary._id,
    name: summary.name ?? null,
    owner: summary.owner,
    state: summary.latestVersion === null || summary.latestVersion === undefined ? ('draft' as const) : ('deployed' as const),
    latestVersion: summary.latestVersion ?? null,
    deployedAt: summary.deployedAt ?? null,
    deployedBy: summary.deployedBy ?? null,
    draft: summary.draftRevision ? { revision: summary.draftRevision, savedAt: summary.draftSavedAt, savedBy: summary.draftSavedBy } : null,
  };
}

export function processesRouter(deploySettings: DeploySettings): Router {
  const router = Router();

  router.post('/', requireRole('owner', 'admin'), async (req, res) => {
    const { bpmnXml, message } = deployRequestOf(req);
    const result = await deployProcess(bpmnXml, currentUser(res).username, deploySettings, message.trim());
    res.status(result.created ? 201 : 200).location(`/api/v1/processes/${encodeURIComponent(result.processKey)}`).json(result);
  });

  /** The library, one record per process (deployed or only drafted), by key, paged with `cursor` = the last key seen. */
  router.get('/', async (req, res) => {
    const { limit, cursor } = parseRequest(pageSchema, req.query);
    await backfillSummaries();
    const found = await ProcessSummaryModel.find(cursor ? { _id: { $gt: cursor } } : {})
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<ProcessSummaryRecord[]>();
    const page = found.slice(0, limit);
    res.json({ items: page.map(presentSummary), nextCursor: found.length > limit ? page.at(-1)!._id : null });
  });

  router.get('/:key', async (req, res) => {
    const { limit, cursor } = parseRequest(versionPageSchema, req.query);
    const versions = await ProcessVersionModel.find(
      { processKey: req.params.key, ...(cursor ? { version: { $lt: cursor } } : {}) },
      { version: 1, name: 1, deployedAt: 1, deployedBy: 1, diagnostics: 1, message: 1 },
    )
      .sort({ version: -1 })
      .limit(limit + 1)
      .lean();
    const summary = await ProcessSummaryModel.findById(req.params.key).lean<ProcessSummaryRecord>();
    if (versions.length === 0 && !cursor && !summary) throw problems.notFound('Process', req.params.key);
    const page = versions.slice(0, limit);
    res.json({
      processKey: req.params.key,
      name: page[0]?.name ?? summary?.name ?? null,
      ...(summary ? { owner: summary.owner, state: presentSummary(summary).state, latestVersion: summary.latestVersion ?? null, draft: presentSummary(summary).draft } : {}),
      versions: page.map((v) => ({ version: v.version, name: v.name, deployedAt: v.deployedAt, deployedBy: v.deployedBy, message: v.message ?? '', diagnostics: v.diagnostics })),
      nextCursor: versions.length > limit ? page.at(-1)!.version : null,
    });
  });

  router.get('/:key/versions/:version', async (req, res) => {
    const version = Number(req.params.version);
    const found = Number.isInteger(version) ? await ProcessVersionModel.findOne({ processKey: req.params.key, version }).lean() : null;
    if (!found) throw problems.notFound('Process version', `${req.params.key} v${req.params.version}`);
    res.json({
      processKey: found.processKey, version: found.version, name: found.name, deployedAt: found.deployedAt, deployedBy: found.deployedBy, message: found.message ?? '',
      bpmnXml: found.bpmnXml, graph: found.graph, diagnostics: found.diagnostics,
    });
  });

  router.use('/:key/draft', requireRole('owner', 'admin'), draftsRouter());

  return router;
}
