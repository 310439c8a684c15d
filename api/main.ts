/** API process entry point: `npm run api` (or started by `npm start`). */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { aiPolicyOf, aiRuntimeFromConfig, compilerCatalog } from '../activities';
import { loadConfig } from '../platform/config';
import { createApp } from './app';
import { inboxIndex } from './tasks/inbox-index';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './auth/demo-accounts';
import { oidcSettingsOf } from './auth/oidc';
import { deployExamples } from './examples';

async function main(): Promise<void> {
  const config = loadConfig();
  const development = config.NODE_ENV !== 'production';
  const ai = aiRuntimeFromConfig(config);
  await mongoose.connect(config.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
  await mongoose.connection.syncIndexes();
  // Connection.lazy: the API starts (and /health says so) even while Temporal is still down.
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  const temporalClient = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });

  const app = createApp({
    temporalClient,
    taskQueue: config.ROUAGE_TASK_QUEUE,
    externalTaskQueue: config.ROUAGE_EXTERNAL_TASK_QUEUE,
    // In development a per-start secret is enough: sessions end when the API restarts.
    secret: config.ROUAGE_SECRET ?? randomBytes(32).toString('hex'),
    secureCookies: !development,
    strictTaskTypes: config.ROUAGE_STRICT_TASK_TYPES,
    ai,
    webAppDir: path.resolve(__dirname, '..', 'modeler-ui', 'dist'),
    auth: { oidc: oidcSettingsOf(config) },
    smtpConfigured: Boolean(config.SMTP_URL),
  });
  // After the app exists: deploying an example may schedule its timer start events.
  if (development) {
    const generated = await seedDemoAccounts(config.ROUAGE_DEMO_PASSWORD);
    if (generated) console.log(`api: demo accounts ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')} created with password: ${generated}`);
    await deployExamples({
      compileOptions: { catalog: compilerCatalog(ai.catalog), strictTaskTypes: config.ROUAGE_STRICT_TASK_TYPES, aiPolicy: aiPolicyOf(ai) },
      temporal: { client: temporalClient, taskQueue: config.ROUAGE_TASK_QUEUE, externalTaskQueue: config.ROUAGE_EXTERNAL_TASK_QUEUE },
    });
  }
  const server = app.listen(config.PORT, () => console.log(`api: listening on http://localhost:${config.PORT}`));
  // Loaded now rather than by the first agent to open the inbox.
  const indexStarted = Date.now();
  inboxIndex
    .ready()
    .then(() => console.log(`api: inbox index loaded in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s`))
    .catch((error: unknown) => console.error(`api: the inbox index did not load (the first inbox request retries): ${String(error)}`));
  const shutdown = () => {
    inboxIndex.stop();
    server.close(() => void mongoose.disconnect().then(() => connection.close()).finally(() => process.exit(0)));
    // Live task streams (SSE) never end by themselves: close them so the server can stop.
    server.closeAllConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`api: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
