/**
 * Starts the embedded Temporal dev server and FerretDB as child processes, waits until each
 * answers, and stops them on request. Their data lives under the given data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

type Log = (line: string) => void;

export interface RunningService {
  name: string;
  stop(): Promise<void>;
}

async function waitFor(name: string, child: ChildProcess, logFile: string, probe: () => Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting; see ${logFile}`);
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${name} did not answer within ${timeoutMs / 1000} s (${String(lastError)}); see ${logFile}`);
}

function startProcess(name: string, binary: string, args: string[], logFile: string): { child: ChildProcess; stop: () => Promise<void> } {
  const out = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', out, out] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { child, stop };
}

export async function startTemporal(options: { binary: string; dataDir: string; port: number; uiPort: number; log: Log }): Promise<RunningService> {
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'temporal.log');
  const searchAttributes = Object.entries(SEARCH_ATTRIBUTES).flatMap(([key, type]) => ['--search-attribute', `${key}=${type}`]);
  const { child, stop } = startProcess(
    'temporal',
    options.binary,
    [
      'server', 'start-dev',
      '--db-filename', path.join(options.dataDir, 'temporal.db'),
      '--ip', '127.0.0.1',
      '--port', String(options.port),
      '--ui-port', String(options.uiPort),
      '--log-level', 'warn',
      ...searchAttributes,
    ],
    logFile,
  );
  const address = `127.0.0.1:${options.port}`;
  await waitFor('Temporal', child, logFile, async () => {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.workflowService.describeNamespace({ namespace: 'default' });
    } finally {
      await connection.close();
    }
  }, 120_000);
  return { name: 'temporal', stop };
}

export async function startFerretDB(options: { binary: string; dataDir: string; port: number; log: Log }): Promise<RunningService> {
  const sqliteDir = path.join(options.dataDir, 'sqlite');
  mkdirSync(sqliteDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'ferretdb.log');
  const { child, stop } = startProcess(
    'ferretdb',
    options.binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${sqliteDir}/`,
      `--listen-addr=127.0.0.1:${options.port}`,
      `--state-dir=${options.dataDir}`,
      // No metrics listener: it would take a fixed port (8088) and clash between instances.
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    logFile,
  );
  await waitFor('FerretDB', child, logFile, async () => {
    const connection = await mongoose.createConnection(`mongodb://127.0.0.1:${options.port}/admin`, { serverSelectionTimeoutMS: 1000 }).asPromise();
    try {
      await connection.db?.admin().ping();
    } finally {
      await connection.close();
    }
  }, 60_000);
  return { name: 'ferretdb', stop };
}
