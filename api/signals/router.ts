import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireRole } from '../auth/current-user';
import type { TemporalSettings } from '../../platform/instances/start-version';
import { parseRequest } from '../validation';
import { broadcastSignal } from '../../platform/instances/broadcast-signal';

const broadcastSchema = z.object({
  name: z.string().trim().min(1).max(200),
  variables: z.record(z.string(), z.unknown()).default({}),
});

export function signalsRouter(temporal: TemporalSettings): Router {
  const router = Router();
  /**
   * A signal reaches every waiting instance and may start an instance of any process, so it is
   * an operation of those who run processes (owners, supervisors, admins, and API clients under
   * such an account), as in Camunda 8 where broadcasting is a client operation, not a task-list
   * one. Agents act on cases through their tasks.
   */
  router.post('/', requireRole('owner', 'supervisor', 'admin'), async (req, res) => {
    const body = parseRequest(broadcastSchema, req.body ?? {});
    res.json(await broadcastSignal(temporal, { signalId: randomUUID(), ...body, publishedBy: currentUser(res).username }));
  });
  return router;
}
