import { Router } from 'express';
import { z } from 'zod';
import type { PseudonymVault } from '../../activities/pseudonym-vault';
import { TaskModel, type TaskRecord } from '../../platform/storage';
import { currentUser, requireRole } from '../auth/current-user';
import { problems } from '../problems';
import { canSee } from '../tasks/task-access';
import { parseRequest } from '../validation';
import { cancelInstance } from './cancel-instance';
import { describeInstance } from './describe-instance';
import { resolveIncident } from './resolve-incident';
import type { TemporalSettings } from '../../platform/instances/start-version';
import { startInstance } from './start-instance';

const resolveSchema = z.object({
  /** Set in the incident's scope before its element runs again (e.g. the data that was missing). */
  variables: z.record(z.string(), z.unknown()).optional(),
});

const startSchema = z.object({
  variables: z.record(z.string(), z.unknown()).default({}),
  businessKey: z.string().min(1).max(200).optional(),
  version: z.number().int().positive().optional(),
});

/** Mounted at /api/v1: starting lives under its process, reading under /instances. */
export function instancesRouter(temporal: TemporalSettings, vault: PseudonymVault): Router {
  const router = Router();
  router.post('/processes/:key/instances', async (req, res) => {
    const body = parseRequest(startSchema, req.body ?? {});
    const started = await startInstance({ processKey: req.params.key, ...body, startedBy: currentUser(res).username }, temporal);
    res.status(201).location(`/api/v1/instances/${encodeURIComponent(started.instanceId)}`).json(started);
  });
  router.get('/instances/:id', async (req, res) => {
    res.json(await describeInstance(temporal.client, req.params.id));
  });
  /** Process owners, supervisors and admins may stop an instance; its open tasks are canceled. */
  router.post('/instances/:id/cancel', requireRole('owner', 'supervisor', 'admin'), async (req, res) => {
    res.status(202).json(await cancelInstance(temporal.client, String(req.params.id), currentUser(res).username));
  });
  /** Process owners, supervisors and admins retry the element of an incident, possibly with corrected variables. */
  router.post('/instances/:id/incidents/:incidentId/resolve', requireRole('owner', 'supervisor', 'admin'), async (req, res) => {
    const body = parseRequest(resolveSchema, req.body ?? {});
    res.json(await resolveIncident(temporal.client, String(req.params.id), String(req.params.incidentId), body.variables, currentUser(res).username));
  });
  /** The originals behind ai.pseudonymize's tokens: for those who may work on the case only. */
  router.get('/instances/:id/pseudonyms', async (req, res) => {
    const user = currentUser(res);
    const tasks = await TaskModel.find({ instanceId: req.params.id }, { assignee: 1, candidateUsers: 1, candidateGroups: 1 }).lean<TaskRecord[]>();
    const overseer = user.roles.includes('admin') || user.roles.includes('supervisor');
    if (!overseer && !tasks.some((task) => canSee(user, task))) {
      throw problems.forbidden(`Only agents with a task in instance ${req.params.id}, supervisors and admins may see its personal data.`);
    }
    res.json({ items: await vault.reveal(req.params.id) });
  });
  return router;
}
