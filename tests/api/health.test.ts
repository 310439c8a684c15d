import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { localAiRuntime } from '../../activities';
import { createApp } from '../../api/app';
import { startTestPlatform, type TestPlatform } from '../support/platform';

describe('GET /api/v1/health', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
  });
  afterAll(() => platform.stop());

  it('answers 200 when Temporal and MongoDB both answer', async () => {
    const response = await platform.request('GET', '/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', temporal: { status: 'up' }, mongodb: { status: 'up' } });
  });

  it('answers 503 and names Temporal when it is down', async () => {
    // A port nothing listens on: the API must say Temporal is down, not hang or crash. (No retry
    // interceptors, so no retried call outlives the test and its closed connection.)
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500, interceptors: [] }) });
    const app = createApp({ temporalClient: client, taskQueue: 'unused', externalTaskQueue: 'unused', secret: randomBytes(32).toString('hex'), secureCookies: false, strictTaskTypes: false, ai: localAiRuntime() });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/health`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { temporal: { error?: string } };
      expect(body).toMatchObject({ status: 'degraded', temporal: { status: 'down' }, mongodb: { status: 'up' } });
      expect(body.temporal.error).toEqual(expect.any(String));
    } finally {
      server.close();
      await client.connection.close();
    }
  });

  it('answers 503 and names MongoDB when it is down', async () => {
    await mongoose.disconnect();
    try {
      const response = await platform.request('GET', '/api/v1/health');
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ temporal: { status: 'up' }, mongodb: { status: 'down' } });
    } finally {
      await mongoose.connect(platform.mongodbUri);
    }
  });
});
