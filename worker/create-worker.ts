/**
 * Builds the Temporal worker: the interpreter workflow plus every activity of the catalog and
 * the human-task, message, signal and call-activity activities, on the platform's task queue.
 */
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type AiRuntime } from '../activities';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  ai: AiRuntime;
  /** The external task queue of instances this worker starts (signal start events); default `<taskQueue>-external`. */
  externalTaskQueue?: string;
  /** A prebuilt workflow bundle (tests build it once); otherwise the workflows are bundled now. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export const workflowsPath = require.resolve('../workflows');

export function createWorker({ connection, namespace, taskQueue, workflowBundle, ai, externalTaskQueue }: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath }),
    activities: createActivities(ai, { externalTaskQueue: externalTaskQueue ?? `${taskQueue}-external` }),
  });
}
