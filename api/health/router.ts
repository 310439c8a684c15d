import { Router } from 'express';
import type { Client } from '@temporalio/client';
import mongoose from 'mongoose';

const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<{ status: 'up' } | { status: 'down'; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** 200 when Temporal and MongoDB both answer, else 503 with which one is down. */
export function healthRouter(client: Client): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const [temporal, mongodb] = await Promise.all([
      // The gRPC deadline ends the call itself before the check gives up on it.
      check(() => client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS - 200, () => client.connection.workflowService.getSystemInfo({}))),
      check(async () => {
        const db = mongoose.connection.db;
        if (!db) throw new Error('not connected');
        await db.admin().ping();
      }),
    ]);
    const healthy = temporal.status === 'up' && mongodb.status === 'up';
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', temporal, mongodb });
  });
  return router;
}
