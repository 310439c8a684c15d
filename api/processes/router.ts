import { Router, type Request } from 'express';
import { z } from 'zod';
import type { CompileOptions } from '../../compiler';
import { ProcessVersionModel } from '../../platform/storage';
import { currentUser, requireRole } from '../auth/current-user';
import { problems } from '../problems';
import { parseRequest } from '../validation';
import { deployProcess } from './deploy-process';

const jsonDeploySchema = z.object({ bpmnXml: z.string().min(1, 'bpmnXml must hold the BPMN XML') });

/** The XML comes raw (`application/xml`) or wrapped in JSON (`{ bpmnXml }`). */
function bpmnXmlOf(req: Request): string {
  if (req.is(['application/xml', 'text/xml'])) {
    if (typeof req.body !== 'string' || req.body.trim() === '') throw problems.invalidRequest([{ path: '', message: 'the body is empty; send the BPMN XML' }]);
    return req.body;
  }
  if (req.is('application/json')) return parseRequest(jsonDeploySchema, req.body).bpmnXml;
  throw problems.unsupportedMediaType(['application/xml (the BPMN file)', 'application/json ({ "bpmnXml": "..." })']);
}

export function processesRouter(compileOptions: CompileOptions): Router {
  const router = Router();

  router.post('/', requireRole('owner', 'admin'), async (req, res) => {
    const result = await deployProcess(bpmnXmlOf(req), currentUser(res).username, compileOptions);
    res.status(result.created ? 201 : 200).location(`/api/v1/processes/${encodeURIComponent(result.processKey)}`).json(result);
  });

  router.get('/', async (_req, res) => {
    const versions = await ProcessVersionModel.find({}, { processKey: 1, version: 1, name: 1, deployedAt: 1, deployedBy: 1 }).sort({ processKey: 1, version: -1 }).lean();
    const latest = new Map<string, (typeof versions)[number]>();
    for (const v of versions) if (!latest.has(v.processKey)) latest.set(v.processKey, v);
    res.json({
      items: [...latest.values()].map((v) => ({ processKey: v.processKey, name: v.name, latestVersion: v.version, deployedAt: v.deployedAt, deployedBy: v.deployedBy })),
    });
  });

  router.get('/:key', async (req, res) => {
    const versions = await ProcessVersionModel.find({ processKey: req.params.key }, { version: 1, name: 1, deployedAt: 1, deployedBy: 1, diagnostics: 1 }).sort({ version: -1 }).lean();
    if (versions.length === 0) throw problems.notFound('Process', req.params.key);
    res.json({
      processKey: req.params.key,
      name: versions[0]!.name,
      versions: versions.map((v) => ({ version: v.version, name: v.name, deployedAt: v.deployedAt, deployedBy: v.deployedBy, diagnostics: v.diagnostics })),
    });
  });

  router.get('/:key/versions/:version', async (req, res) => {
    const version = Number(req.params.version);
    const found = Number.isInteger(version) ? await ProcessVersionModel.findOne({ processKey: req.params.key, version }).lean() : null;
    if (!found) throw problems.notFound('Process version', `${req.params.key} v${req.params.version}`);
    res.json({ processKey: found.processKey, version: found.version, name: found.name, deployedAt: found.deployedAt, deployedBy: found.deployedBy, bpmnXml: found.bpmnXml, graph: found.graph, diagnostics: found.diagnostics });
  });

  return router;
}
