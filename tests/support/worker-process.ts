/**
 * A real worker process (`worker/main.ts`) for durability tests: spawned on the test platform's
 * Temporal, database and task queue, with the prebuilt workflow bundle, and killed for real.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestPlatform } from './platform';

const projectRoot = path.resolve(__dirname, '../..');

/** Resolves once the worker prints that it polls its task queue (at most 60 s). */
export function startWorkerProcess(platform: TestPlatform): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: platform.temporalAddress,
      MONGODB_URI: platform.mongodbUri,
      ROUAGE_TASK_QUEUE: platform.taskQueue,
      ROUAGE_WORKFLOW_BUNDLE: process.env.ROUAGE_TEST_WORKFLOW_BUNDLE,
      ROUAGE_DATA_KEY: 'ab'.repeat(32),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within 60 s:\n${output}`)), 60_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker: polling')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
}

/** SIGKILL: no graceful shutdown, in-flight tasks are lost. Resolves once the process is gone. */
export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
