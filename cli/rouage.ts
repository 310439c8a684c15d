/**
 * The developer CLI: `rouage compile <file.bpmn>`, `rouage deploy <file.bpmn>`,
 * `rouage start <processKey>`. Deploy and start talk to a running API.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compilerCatalog } from '../activities/catalog';
import { compile, hasErrors, type Diagnostic } from '../compiler';

const USAGE = `Usage:
  rouage compile <file.bpmn> [--json]      print the process graph, or the diagnostics (exit 1 on errors);
                                           --json: one object with graph, graphHash and diagnostics
  rouage deploy <file.bpmn> [--message M]  deploy to the API with what changed and why; prints process key and version
  rouage start <processKey> [--variables '{"k":"v"}'] [--business-key KEY] [--version N]

Deploy and start use ROUAGE_URL (default http://localhost:3000) and either ROUAGE_TOKEN or
ROUAGE_USERNAME + ROUAGE_PASSWORD (the demo accounts' password is printed by npm start).`;

class UsageError extends Error {}

function formatDiagnostic(d: Diagnostic): string {
  const where = [d.elementId && `element ${d.elementId}`, d.line !== undefined && `line ${d.line}`].filter(Boolean).join(', ');
  return `${d.severity.toUpperCase()} [${d.ruleId}]${where ? ` (${where})` : ''}: ${d.message.en}\n    fix: ${d.hint.en}`;
}

function readFile(file: string | undefined): string {
  if (!file) throw new UsageError('Missing the BPMN file argument.');
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

// The API's answers are JSON objects whose fields each command reads.
async function api(method: string, path: string, body?: { json?: unknown; xml?: string }): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const baseUrl = (process.env.ROUAGE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  let token = process.env.ROUAGE_TOKEN;
  const call = async (m: string, p: string, headers: Record<string, string>, payload?: string) => {
    try {
      return await fetch(`${baseUrl}${p}`, { method: m, headers, body: payload });
    } catch (error) {
      throw new Error(`Cannot reach the Rouage API at ${baseUrl} (${(error as Error).cause ?? (error as Error).message}). Start it with \`npm start\` or set ROUAGE_URL.`);
    }
  };
  if (!token) {
    const { ROUAGE_USERNAME: username, ROUAGE_PASSWORD: password } = process.env;
    if (!username || !password) throw new UsageError('Set ROUAGE_TOKEN, or ROUAGE_USERNAME and ROUAGE_PASSWORD, to talk to the API.');
    const login = await call('POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ username, password }));
    const answer = (await login.json()) as { token?: string; detail?: string };
    if (!login.ok || !answer.token) throw new Error(`Login as ${username} failed: ${answer.detail ?? login.status}`);
    token = answer.token;
  }
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body?.json !== undefined) headers['content-type'] = 'application/json';
  if (body?.xml !== undefined) headers['content-type'] = 'application/xml';
  const response = await call(method, `/api/v1${path}`, headers, body?.xml ?? (body?.json !== undefined ? JSON.stringify(body.json) : undefined));
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    const diagnostics = (answer.diagnostics as Diagnostic[] | undefined)?.map(formatDiagnostic).join('\n') ?? '';
    throw new Error(`${answer.title ?? response.status}: ${answer.detail ?? ''}${diagnostics ? `\n${diagnostics}` : ''}`);
  }
  return answer;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      variables: { type: 'string' },
      'business-key': { type: 'string' },
      message: { type: 'string' },
      version: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, argument] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'compile': {
      const { graph, graphHash, diagnostics } = await compile(readFile(argument), { catalog: compilerCatalog() });
      if (values.json) console.log(JSON.stringify({ graph, graphHash, diagnostics }, null, 2));
      else {
        // stdout holds the graph alone, so that it can be piped; everything else goes to stderr.
        for (const d of diagnostics) console.error(formatDiagnostic(d));
        if (graph) {
          console.log(JSON.stringify(graph, null, 2));
          console.error(`Compiled ${graph.processKey}: ${Object.keys(graph.nodes).length} elements, ${Object.keys(graph.flows).length} flows, graph hash ${graphHash}`);
        }
      }
      return hasErrors(diagnostics) ? 1 : 0;
    }
    case 'deploy': {
      const result = await api('POST', '/processes', { json: { bpmnXml: readFile(argument), ...(values.message ? { message: values.message } : {}) } });
      for (const d of result.diagnostics as Diagnostic[]) console.error(formatDiagnostic(d));
      console.log(`${result.created ? 'Deployed' : 'Already deployed'}: ${result.processKey} version ${result.version}`);
      return 0;
    }
    case 'start': {
      if (!argument) throw new UsageError('Missing the process key.');
      let variables: unknown = {};
      if (values.variables) {
        try {
          variables = JSON.parse(values.variables);
        } catch (error) {
          throw new UsageError(`--variables is not valid JSON (${(error as Error).message}); e.g. --variables '{"description":"..."}'`);
        }
      }
      const version = values.version === undefined ? undefined : Number(values.version);
      const result = await api('POST', `/processes/${encodeURIComponent(argument)}/instances`, {
        json: { variables, ...(values['business-key'] ? { businessKey: values['business-key'] } : {}), ...(version ? { version } : {}) },
      });
      console.log(`Started ${result.instanceId} (${result.processKey} version ${result.version})`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rouage: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error(`\n${USAGE}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
