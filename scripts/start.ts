/**
 * `npm start`: the whole platform on one machine. Starts (or reuses) Temporal and FerretDB,
 * builds the web app if needed, then runs the worker and the API as child processes.
 * Ctrl-C stops everything cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { profiles, provideInfrastructure } from './infra';
import { logger } from './log';
import { ensureWebApp } from './web-app';

const log = logger('rouage');
const projectRoot = path.resolve(__dirname, '..');

/**
 * In development, the demo password and the data key are kept in .data, so they are the same
 * at every start (the key must be: it decrypts what earlier runs pseudonymised).
 */
function persistentSecret(dataDir: string, name: string, make: () => string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = make();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function run(script: string, env: NodeJS.ProcessEnv, onExit: (code: number | null) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: projectRoot, env, stdio: 'inherit' });
  child.on('exit', onExit);
  return child;
}

async function main(): Promise<void> {
  const started = Date.now();
  const profile = profiles.development;
  await ensureWebApp(log);
  const infra = await provideInfrastructure(profile, log);
  const port = Number(process.env.PORT ?? 3000);
  const password = process.env.ROUAGE_DEMO_PASSWORD ?? persistentSecret(profile.dataDir, 'demo-password', () => randomBytes(9).toString('base64url'));
  const dataKey = process.env.ROUAGE_DATA_KEY ?? persistentSecret(profile.dataDir, 'data-key', () => randomBytes(32).toString('hex'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    TEMPORAL_ADDRESS: infra.temporalAddress,
    MONGODB_URI: infra.mongodbUri,
    PORT: String(port),
    ROUAGE_DEMO_PASSWORD: password,
    ROUAGE_DATA_KEY: dataKey,
  };

  let stopping = false;
  const children: ChildProcess[] = [];
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping...');
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    })));
    await infra.stop();
    log('Stopped.');
    process.exit(code);
  };
  const exitWith = (name: string) => (code: number | null) => {
    if (!stopping) {
      log(`${name} exited (code ${code}); stopping the platform.`);
      void stop(1);
    }
  };
  children.push(run('worker/main.ts', env, exitWith('worker')));
  children.push(run('api/main.ts', env, exitWith('api')));
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  await waitForHealth(port);
  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`  Web app      http://localhost:${port}`);
  log(`  API          http://localhost:${port}/api/v1  (health: /api/v1/health)`);
  if (infra.temporalUiUrl) log(`  Temporal UI  ${infra.temporalUiUrl}`);
  log(`  MongoDB      ${infra.mongodbUri}`);
  log(`  Demo accounts admin, owner, supervisor, agent-a, agent-b; password: ${password}`);
  log('Press Ctrl-C to stop.');
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The API did not become healthy on port ${port} within 120 s; see the lines above.`);
}

main().catch((error: unknown) => {
  console.error(`rouage: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
