import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/current-user';
import { parseRequest } from '../validation';
import { describeInstance } from './describe-instance';
import { startInstance, type TemporalSettings } from './start-instance';

const startSchema = z.object({
  variables: z.record(z.string(), z.unknown()).default({}),
  businessKey: z.string().min(1).max(200).optional(),
  version: z.number().int().positive().optional(),
});

/** Mounted at /api/v1: starting lives under its process, reading under /instances. */
export function instancesRouter(temporal: TemporalSettings): Router {
  const router = Router();
  router.post('/processes/:key/instances', async (req, res) => {
    const body = parseRequest(startSchema, req.body ?? {});
    const started = await startInstance({ processKey: req.params.key, ...body, startedBy: currentUser(res).username }, temporal);
    res.status(201).location(`/api/v1/instances/${encodeURIComponent(started.instanceId)}`).json(started);
  });
  router.get('/instances/:id', async (req, res) => {
    res.json(await describeInstance(temporal.client, req.params.id));
  });
  return router;
}
