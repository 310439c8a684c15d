/** Builds the web app with Vite when its build is missing or older than its sources. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..');
export const webAppSourceDir = path.join(projectRoot, 'modeler-ui');
/** The browser bundle also holds the compiler (live validation) and the locked dependencies. */
const webAppInputs = [webAppSourceDir, path.join(projectRoot, 'compiler'), path.join(projectRoot, 'package-lock.json')];
export const webAppDistDir = path.join(webAppSourceDir, 'dist');

function newestSourceTime(input: string): number {
  const stats = statSync(input);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(input, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'public' || entry.name === 'node_modules') continue;
    const full = path.join(input, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function webAppIsCurrent(): boolean {
  const index = path.join(webAppDistDir, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(...webAppInputs.map(newestSourceTime));
}

/** Held while one process builds: parallel test files would otherwise rebuild `dist` under each other's pages. */
const buildLock = path.join(projectRoot, '.web-app-build.lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 5 * 60 * 1000;

function takeBuildLock(): boolean {
  try {
    closeSync(openSync(buildLock, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (Date.now() - statSync(buildLock).mtimeMs > STALE_LOCK_MS) rmSync(buildLock, { force: true });
    return false;
  }
}

export async function ensureWebApp(log: (line: string) => void): Promise<void> {
  while (!webAppIsCurrent()) {
    if (takeBuildLock()) {
      try {
        if (!webAppIsCurrent()) await buildWebApp(log);
      } finally {
        rmSync(buildLock, { force: true });
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // another process is building: wait for it
  }
}

async function buildWebApp(log: (line: string) => void): Promise<void> {
  const started = Date.now();
  log('Building the web app with Vite (first run or sources changed)...');
  // A child process: Vite is ES-module only, and jest's runtime (which runs the test setup) is not.
  await new Promise<void>((resolve, reject) => {
    const vite = spawn(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--config', path.join(webAppSourceDir, 'vite.config.mts'), '--logLevel', 'warn'], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    vite.on('error', reject);
    vite.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code}); see the lines above`))));
  });
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
