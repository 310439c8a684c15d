import { Router } from 'express';
import { z } from 'zod';
import { AiContributionModel } from '../../platform/storage';
import { requireRole } from '../auth/current-user';
import { parseRequest } from '../validation';

const querySchema = z.object({
  instanceId: z.string().min(1).optional(),
  processKey: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The AI audit trail (DESIGN.md §8): every AI contribution with its provenance, for admins. */
export function auditRouter(): Router {
  const router = Router();
  router.get('/ai', requireRole('admin'), async (req, res) => {
    const { instanceId, processKey, limit } = parseRequest(querySchema, req.query);
    const records = await AiContributionModel.find({ ...(instanceId ? { instanceId } : {}), ...(processKey ? { processKey } : {}) })
      .sort({ at: -1 })
      .limit(limit)
      .lean();
    res.json({ items: records.map(({ _id, __v, ...record }) => ({ id: _id, ...record })) });
  });
  return router;
}
