/** Builds the web app with Vite when its build is missing or older than its sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..');
export const webAppSourceDir = path.join(projectRoot, 'modeler-ui');
export const webAppDistDir = path.join(webAppSourceDir, 'dist');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'public' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function webAppIsCurrent(): boolean {
  const index = path.join(webAppDistDir, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSourceTime(webAppSourceDir);
}

export async function ensureWebApp(log: (line: string) => void): Promise<void> {
  if (webAppIsCurrent()) return;
  const started = Date.now();
  log('Building the web app with Vite (first run or sources changed)...');
  const { build } = await import('vite');
  await build({ configFile: path.join(webAppSourceDir, 'vite.config.mts'), logLevel: 'warn' });
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
