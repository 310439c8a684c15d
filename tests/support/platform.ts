/**
 * A whole platform for one test file, on the real Temporal and FerretDB of the global setup:
 * its own MongoDB database and task queue (so test files never see each other's data), the
 * API on a free port, and optionally an in-process worker.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { localAiRuntime, type AiRuntime } from '../../activities';
import type { Express } from 'express';
import { createApp, type AppOptions } from '../../api/app';
import { inboxIndex } from '../../api/tasks/inbox-index';
import { seedDemoAccounts } from '../../api/auth/demo-accounts';
import { createWorker } from '../../worker/create-worker';
import { webAppDistDir } from '../../scripts/web-app';

export const DEMO_PASSWORD = 'demo-password-for-tests';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestPlatform {
  baseUrl: string;
  temporal: Client;
  taskQueue: string;
  databaseName: string;
  mongodbUri: string;
  temporalAddress: string;
  /** A second API app on the same database (e.g. with other auth options); not listening. */
  createApp(overrides?: Partial<AppOptions>): Express;
  login(username: string): Promise<string>;
  request<T = any>(method: string, path: string, options?: { token?: string; json?: unknown; body?: string; contentType?: string }): Promise<ApiResponse<T>>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\` (jest's global setup sets it).`);
  return value;
}

/** `ai` serves the API (deploy checks) and the worker, unless `workerAi` gives the worker its own. */
export async function startTestPlatform(options: { worker?: boolean; ai?: AiRuntime; workerAi?: AiRuntime } = {}): Promise<TestPlatform> {
  const ai = options.ai ?? localAiRuntime();
  const workerAi = options.workerAi ?? ai;
  const suffix = randomBytes(4).toString('hex');
  const temporalAddress = requiredEnv('ROUAGE_TEST_TEMPORAL_ADDRESS');
  const baseUri = requiredEnv('ROUAGE_TEST_MONGODB_URI');
  const databaseName = `rouage-test-${suffix}`;
  const mongodbUri = baseUri.replace(/\/[^/?]*(\?|$)/, `/${databaseName}$1`);
  const taskQueue = `rouage-test-${suffix}`;

  await mongoose.connect(mongodbUri, { serverSelectionTimeoutMS: 5000 });
  await mongoose.connection.syncIndexes();
  await seedDemoAccounts(DEMO_PASSWORD);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection });
  /** An API app on this platform's database and task queue; tests override what they vary. */
  const createPlatformApp = (overrides: Partial<AppOptions> = {}) =>
    createApp({
      temporalClient: temporal,
      taskQueue,
      externalTaskQueue: `${taskQueue}-external`,
      secret: randomBytes(32).toString('hex'),
      secureCookies: false,
      strictTaskTypes: false,
      ai,
      webAppDir: webAppDistDir,
      ...overrides,
    });
  const app = createPlatformApp();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let worker: { instance: Worker; running: Promise<void>; connection: NativeConnection } | undefined;
  const platform: TestPlatform = {
    baseUrl,
    createApp: createPlatformApp,
    temporal,
    taskQueue,
    databaseName,
    mongodbUri,
    temporalAddress,
    async request(method, path, { token, json, body, contentType } = {}) {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (json !== undefined) headers['content-type'] = 'application/json';
      if (contentType) headers['content-type'] = contentType;
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body: json !== undefined ? JSON.stringify(json) : body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed as any };
    },
    async login(username) {
      const response = await platform.request('POST', '/api/v1/auth/login', { json: { username, password: DEMO_PASSWORD } });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    async startWorker() {
      const workerConnection = await NativeConnection.connect({ address: temporalAddress });
      const instance = await createWorker({
        connection: workerConnection,
        namespace: 'default',
        taskQueue,
        ai: workerAi,
        workflowBundle: { codePath: requiredEnv('ROUAGE_TEST_WORKFLOW_BUNDLE') },
      });
      worker = { instance, running: instance.run(), connection: workerConnection };
    },
    async stopWorker() {
      if (!worker) return;
      worker.instance.shutdown();
      await worker.running;
      await worker.connection.close();
      worker = undefined;
    },
    async stop() {
      await platform.stopWorker();
      await new Promise((resolve) => server.close(resolve));
      inboxIndex.stop();
      await connection.close();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
  if (options.worker !== false) await platform.startWorker();
  return platform;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
