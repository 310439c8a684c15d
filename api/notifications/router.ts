/**
 * `/api/v1/notifications`: each user's email settings (address, opt-in to "new task for you"),
 * and the outbox, which admins read (in development, without SMTP, it is where notices land).
 */
import { Router } from 'express';
import { z } from 'zod';
import { NotificationSettingsModel, OUTBOX_STATES, OutboxModel } from '../../platform/storage';
import { currentUser, requireRole } from '../auth/current-user';
import { parseRequest } from '../validation';

const settingsSchema = z.object({ email: z.email().nullable(), taskCreated: z.boolean() });
const outboxQuery = z.object({ state: z.enum(OUTBOX_STATES).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

export function notificationsRouter(options: { smtpConfigured?: boolean } = {}): Router {
  const router = Router();

  router.get('/settings', async (_req, res) => {
    const settings = await NotificationSettingsModel.findById(currentUser(res).username).lean();
    res.json({ email: settings?.email ?? null, taskCreated: settings?.taskCreated ?? false });
  });

  router.put('/settings', async (req, res) => {
    const { email, taskCreated } = parseRequest(settingsSchema, req.body);
    await NotificationSettingsModel.updateOne({ _id: currentUser(res).username }, { $set: { email, taskCreated } }, { upsert: true });
    res.json({ email, taskCreated });
  });

  router.get('/outbox', requireRole('admin'), async (req, res) => {
    const { state, limit } = parseRequest(outboxQuery, req.query);
    const items = await OutboxModel.find(state ? { state } : {})
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean();
    res.json({
      smtpConfigured: options.smtpConfigured ?? false,
      items: items.map((message) => ({
        id: message._id,
        kind: message.kind,
        to: message.to,
        requested: message.requested,
        unreachable: message.unreachable,
        subject: message.subject,
        body: message.body,
        taskId: message.taskId,
        instanceId: message.instanceId,
        state: message.state,
        attempts: message.attempts,
        lastError: message.lastError,
        createdAt: message.createdAt,
        sentAt: message.sentAt,
      })),
    });
  });

  return router;
}
