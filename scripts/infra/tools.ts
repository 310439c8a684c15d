/**
 * Provides the two Go programs of the embedded infrastructure: the Temporal CLI (dev server)
 * and FerretDB. Order: a binary cached in `.tools/bin`, then one on PATH, then a build from the
 * Go module proxy into `.tools/bin` (minutes the first time; progress is shown).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const TOOL_VERSIONS = { temporal: 'v1.5.1', ferretdb: 'v1.24.2' } as const;
export type ToolName = keyof typeof TOOL_VERSIONS;

const projectRoot = path.resolve(__dirname, '..', '..');
export const toolsDir = path.join(projectRoot, '.tools');
const binDir = path.join(toolsDir, 'bin');

type Log = (line: string) => void;

function onPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

function missingGoMessage(name: ToolName): string {
  return [
    `Cannot provide "${name}": it is not in ${binDir}, not on PATH, and Go is not installed to build it.`,
    'Fix one of:',
    '  - install Go 1.25 or newer (https://go.dev/dl) and run the command again: it builds what is missing;',
    `  - put the binaries on PATH: temporal ${TOOL_VERSIONS.temporal} (github.com/temporalio/cli) and ferretdb ${TOOL_VERSIONS.ferretdb};`,
    '  - or use running servers: set TEMPORAL_ADDRESS (e.g. localhost:7233) and MONGODB_URI (e.g. mongodb://localhost:27017/rouage).',
  ].join('\n');
}

/** Runs a go command, relaying its output as progress lines. */
function runGo(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let lastOutput = '';
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        lastOutput = line;
        log(`  go: ${line}`);
      }
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`go ${args.join(' ')} failed (exit ${code}): ${lastOutput}`))));
  });
}

async function buildTemporal(log: Log): Promise<void> {
  await runGo(['install', '-v', `github.com/temporalio/cli/cmd/temporal@${TOOL_VERSIONS.temporal}`], { env: { GOBIN: binDir } }, log);
}

/**
 * FerretDB's own `main` panics unless `build/version/version.txt` was generated at build time,
 * which `go install pkg@version` cannot do. So: download the module source from the proxy, copy
 * it, write that file (as FerretDB's build does), and build it there.
 */
async function buildFerretDB(log: Log): Promise<void> {
  const module = `github.com/FerretDB/FerretDB@${TOOL_VERSIONS.ferretdb}`;
  const download = spawnSync('go', ['mod', 'download', '-json', module], { encoding: 'utf8' });
  if (download.status !== 0) throw new Error(`go mod download ${module} failed: ${download.stderr || download.stdout}`);
  const sourceDir = (JSON.parse(download.stdout) as { Dir: string }).Dir;
  const buildDir = path.join(toolsDir, 'src', `ferretdb-${TOOL_VERSIONS.ferretdb}`);
  if (!existsSync(buildDir)) {
    cpSync(sourceDir, buildDir, { recursive: true });
    chmodRecursive(buildDir);
  }
  writeFileSync(path.join(buildDir, 'build', 'version', 'version.txt'), `${TOOL_VERSIONS.ferretdb}\n`);
  await runGo(['build', '-v', '-o', path.join(binDir, 'ferretdb'), './cmd/ferretdb'], { cwd: buildDir }, log);
}

/** The module cache is read-only; the copy must be writable. */
function chmodRecursive(dir: string): void {
  spawnSync('chmod', ['-R', 'u+w', dir]);
  chmodSync(dir, 0o755);
}

const builders: Record<ToolName, (log: Log) => Promise<void>> = { temporal: buildTemporal, ferretdb: buildFerretDB };

/** Returns the path of a working binary for `name`, building it when needed. */
export async function ensureTool(name: ToolName, log: Log): Promise<string> {
  const cached = path.join(binDir, name);
  if (existsSync(cached)) return cached;
  const system = onPath(name);
  if (system) return system;
  if (!onPath('go')) throw new Error(missingGoMessage(name));
  mkdirSync(binDir, { recursive: true });
  const started = Date.now();
  log(`Building ${name} ${TOOL_VERSIONS[name]} with Go (first run only, a few minutes)...`);
  await builders[name](log);
  log(`Built ${name} in ${Math.round((Date.now() - started) / 1000)} s → ${cached}`);
  return cached;
}
