/** Worker process entry point: `npm run worker` (or started by `npm start`). */
import { NativeConnection } from '@temporalio/worker';
import mongoose from 'mongoose';
import { aiRuntimeFromConfig } from '../activities';
import { loadConfig } from '../platform/config';
import { startOutboxSender } from '../activities/notifications/sender';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  await mongoose.connect(config.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.ROUAGE_TASK_QUEUE,
    externalTaskQueue: config.ROUAGE_EXTERNAL_TASK_QUEUE,
    ai: aiRuntimeFromConfig(config),
    ...(config.ROUAGE_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: config.ROUAGE_WORKFLOW_BUNDLE } } : {}),
  });
  console.log(`worker: polling task queue "${config.ROUAGE_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
  // Worker.run ends on SIGINT/SIGTERM once in-flight tasks are done.
  // The notification outbox is mailed from the worker process, when SMTP is configured.
  const sender = config.SMTP_URL ? startOutboxSender({ smtpUrl: config.SMTP_URL, from: config.NOTIFY_FROM, appUrl: config.NOTIFY_APP_URL }) : undefined;
  await worker.run();
  await sender?.stop();
  await connection.close();
  await mongoose.disconnect();
}

main().catch((error: unknown) => {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
