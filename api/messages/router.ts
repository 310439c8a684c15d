import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/current-user';
import type { TemporalSettings } from '../../platform/instances/start-version';
import { parseRequest } from '../validation';
import { publishMessage } from './publish-message';

/** A week: longer waits are what timers and reminders are for. */
const MAX_TIME_TO_LIVE_SECONDS = 7 * 24 * 3600;

const publishSchema = z.object({
  name: z.string().trim().min(1).max(200),
  correlationKey: z.union([z.string().min(1).max(500), z.number().finite().transform(String)]),
  variables: z.record(z.string(), z.unknown()).default({}),
  /** How long the message waits for an instance that does not wait for it yet (Camunda's default: 1 hour). */
  timeToLiveSeconds: z.number().int().min(0).max(MAX_TIME_TO_LIVE_SECONDS).default(3600),
});

export function messagesRouter(temporal: TemporalSettings): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = parseRequest(publishSchema, req.body ?? {});
    const result = await publishMessage(temporal, { ...body, publishedBy: currentUser(res).username });
    res.status(202).json(result);
  });
  return router;
}
