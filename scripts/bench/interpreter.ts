/**
 * `npm run bench:interpreter`: what the generic interpreter costs against the same process
 * written by hand as a Temporal workflow, on a real Temporal server.
 *
 * (a) scripts/bench/interpreter/five-steps.bpmn compiled with `compile()` and run by `runProcess`;
 * (b) scripts/bench/interpreter/handwritten-workflow.ts, bundled on its own.
 * Both: start → A → exclusive gateway (`=a.ok`, default flow to an end) → fork → B ‖ C → join →
 * end, with the same no-I/O activity `bench.step` (scripts/bench/interpreter/activities.ts), each
 * on its own task queue and worker in this process. After a warm-up, rounds alternate
 * a, b, b, a, a, b; each starts N instances with at most C in flight and measures instances per
 * second (wall time of the round), p50/p95 latency per instance (start → result) and, on a few
 * instances, the history events per instance, and the CPU time this process (client and both
 * workers) spends per instance. Figures are the medians over the rounds of each variant
 * (events: the mean over the sampled instances). The last two rounds are skipped when the server
 * is so slow that they would take the run past ~3 minutes.
 *
 * Starts the Temporal dev server unless TEMPORAL_ADDRESS is set (MongoDB is not used) and stops
 * what it started. Readable figures first, then ratios and targets (throughput ratio ≥ 0.9,
 * interpreter events ≤ hand-written + 2; a miss is reported, not an exit code); the last line is
 * one JSON object of the figures. Env: BENCH_INSTANCES (N, 200), BENCH_CONCURRENCY (C, 20),
 * BENCH_WARMUP (warm-up instances per variant, 40).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { compile, hasErrors } from '../../compiler';
import type { ProcessGraph } from '../../compiler/graph';
import { PROCESS_WORKFLOW, type RunProcessInput, type RunProcessResult } from '../../workflows/definitions';
import { profiles, provideInfrastructure } from '../infra';
import { logger } from '../log';
import { benchActivities, benchCatalog } from './interpreter/activities';
import type { HandwrittenInput, HandwrittenResult } from './interpreter/handwritten-workflow';
import { median, percentile, round1 } from './stats';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const WARMUP_INSTANCES = Number(process.env.BENCH_WARMUP ?? 40);
const ORDER: Variant[] = ['a', 'b', 'b', 'a', 'a', 'b'];
/** Instances per round whose history is fetched (spread over the round). */
const HISTORY_SAMPLES = 10;
const TARGETS = { ratio: 0.9, extraEvents: 2 };
/** The last two rounds are skipped when they would end the run after this (the first four are balanced). */
const BUDGET_MS = 165_000;
/**
 * An instance not done after this has lost a task on the server (seen on a loaded server: an
 * activity attempt that never reports, retried only at its 5-minute StartToClose timeout). It
 * is terminated and its round run again, once, so one server hiccup does not decide the figures.
 */
const STALL_MS = 30_000;

type Variant = 'a' | 'b';
const LABELS: Record<Variant, string> = { a: 'interpreter (runProcess + compiled BPMN)', b: 'hand-written workflow' };

interface Round {
  variant: Variant;
  perSecond: number;
  p50: number;
  p95: number;
  /** CPU time of this process (client, both workers, activities) per instance, ms. */
  cpuMs: number;
  wallMs: number;
  workflowIds: string[];
  /** Instances terminated after STALL_MS. */
  stalled: string[];
}

interface HistorySample {
  events: number;
  /** Bytes of the payloads it holds (the interpreter's input carries the whole graph). */
  payloadBytes: number;
  types: string[];
}


/** Runs `count` jobs with at most `concurrency` at once. */
async function pool(count: number, concurrency: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await job(next++);
  });
  await Promise.all(lanes);
}

/** An event's type, from the one `…EventAttributes` field it carries (`ActivityTaskScheduled`). */
function eventTypeName(event: object): string {
  for (const [key, value] of Object.entries(event)) {
    if (value != null && key.endsWith('EventAttributes')) return key.charAt(0).toUpperCase() + key.slice(1, -'EventAttributes'.length);
  }
  return 'Unknown';
}

/** Bytes of every payload (and other binary field) in a history: inputs, results, headers. */
function binaryBytes(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + binaryBytes(item), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + binaryBytes(item), 0);
  return 0;
}

async function compileBenchProcess(): Promise<ProcessGraph> {
  const xml = readFileSync(path.join(__dirname, 'interpreter', 'five-steps.bpmn'), 'utf8');
  const { graph, diagnostics } = await compile(xml, { catalog: benchCatalog });
  if (!graph || hasErrors(diagnostics)) throw new Error(`five-steps.bpmn does not compile: ${JSON.stringify(diagnostics)}`);
  const external = Object.values(graph.nodes).filter((node) => node.kind === 'serviceTask' && node.external);
  if (external.length > 0) throw new Error('the bench service tasks must run on the workflow task queue');
  return graph;
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = logger('[bench:interpreter]');
  // MongoDB is not used: a placeholder URI keeps provideInfrastructure from starting FerretDB.
  const infra = await provideInfrastructure(profiles.test, (line) => (line.startsWith('MongoDB:') ? undefined : log(line)), {
    ...process.env,
    MONGODB_URI: 'mongodb://unused.invalid/bench-interpreter',
  });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const suffix = randomBytes(4).toString('hex');
  const queues: Record<Variant, string> = { a: `bench-interpreter-a-${suffix}`, b: `bench-interpreter-b-${suffix}` };

  let workers: { worker: Worker; running: Promise<void> }[] = [];
  let nativeConnection: NativeConnection | undefined;
  let connection: Connection | undefined;
  let figuresLine = '';
  try {
    const graph = await compileBenchProcess();
    log('bundling both workflow variants...');
    const bundleLogger = new DefaultLogger('WARN');
    const [interpreterBundle, handwrittenBundle] = await Promise.all([
      bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: bundleLogger }),
      bundleWorkflowCode({ workflowsPath: require.resolve('./interpreter/handwritten-workflow'), logger: bundleLogger }),
    ]);

    nativeConnection = await NativeConnection.connect({ address: infra.temporalAddress });
    const workerConnection = nativeConnection;
    workers = await Promise.all(
      (['a', 'b'] as const).map(async (variant) => {
        const worker = await Worker.create({
          connection: workerConnection,
          namespace: 'default',
          taskQueue: queues[variant],
          workflowBundle: variant === 'a' ? interpreterBundle : handwrittenBundle,
          activities: benchActivities,
        });
        return { worker, running: worker.run() };
      }),
    );
    connection = await Connection.connect({ address: infra.temporalAddress });
    const client = new Client({ connection, namespace: 'default' });

    /** Waits for an instance's result, or terminates it after STALL_MS (undefined). */
    const resultOrStall = async (handle: { result(): Promise<{ variables: Record<string, unknown> }>; terminate(reason: string): Promise<unknown> }) => {
      let timer: NodeJS.Timeout | undefined;
      const stall = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), STALL_MS);
      });
      const result = await Promise.race([handle.result(), stall]).finally(() => clearTimeout(timer));
      if (result === undefined) await handle.terminate(`bench:interpreter: not done after ${STALL_MS / 1000} s`);
      return result;
    };

    /** One instance, start → result (ms, or undefined when it stalled); checks it did all three steps. */
    const runOne = async (variant: Variant, workflowId: string): Promise<number | undefined> => {
      const begin = performance.now();
      let result: { variables: Record<string, unknown> } | undefined;
      if (variant === 'a') {
        const input: RunProcessInput = { graph, processVersion: 1, variables: { requestId: workflowId }, externalTaskQueue: `${queues.a}-external` };
        result = await resultOrStall(await client.workflow.start<(input: RunProcessInput) => Promise<RunProcessResult>>(PROCESS_WORKFLOW, { taskQueue: queues.a, workflowId, args: [input] }));
      } else {
        const input: HandwrittenInput = { variables: { requestId: workflowId } };
        result = await resultOrStall(await client.workflow.start<(input: HandwrittenInput) => Promise<HandwrittenResult>>('handwrittenFiveSteps', { taskQueue: queues.b, workflowId, args: [input] }));
      }
      const elapsed = performance.now() - begin;
      if (result === undefined) return undefined;
      const { variables } = result;
      const steps = ['a', 'b', 'c'].map((name) => (variables[name] as { step?: string } | undefined)?.step);
      if (steps.join() !== 'a,b,c') throw new Error(`${workflowId} ended without its three steps: ${JSON.stringify(variables)}`);
      return elapsed;
    };

    const runRound = async (variant: Variant, count: number, tag: string): Promise<Round> => {
      const workflowIds = Array.from({ length: count }, (_, i) => `bench-${variant}-${suffix}-${tag}-${i}`);
      const latencies: number[] = [];
      const stalled: string[] = [];
      const cpu = process.cpuUsage();
      const begin = performance.now();
      await pool(count, CONCURRENCY, async (i) => {
        const latency = await runOne(variant, workflowIds[i]!);
        if (latency === undefined) stalled.push(workflowIds[i]!);
        else latencies.push(latency);
      });
      const wall = performance.now() - begin;
      const { user, system } = process.cpuUsage(cpu);
      return { variant, perSecond: (count * 1000) / wall, p50: percentile(latencies, 50), p95: percentile(latencies, 95), cpuMs: (user + system) / 1000 / count, wallMs: wall, workflowIds, stalled };
    };

    const sampleHistory = async (workflowId: string): Promise<HistorySample> => {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const events = history.events ?? [];
      return { events: events.length, payloadBytes: binaryBytes(events), types: events.map((event) => eventTypeName(event)) };
    };

    log(`warming up (${WARMUP_INSTANCES} instances per variant)...`);
    for (const variant of ['a', 'b'] as const) await runRound(variant, WARMUP_INSTANCES, 'warmup');

    const rounds: Round[] = [];
    for (const [index, variant] of ORDER.entries()) {
      if (index === 4) {
        const meanRound = rounds.reduce((sum, round) => sum + round.wallMs, 0) / rounds.length;
        if (performance.now() - started + 2 * meanRound > BUDGET_MS) {
          log(`skipping rounds 5-6: they would take the run past ${BUDGET_MS / 1000} s (the server is slow right now)`);
          break;
        }
      }
      let round = await runRound(variant, INSTANCES, `r${index}`);
      if (round.stalled.length > 0) {
        log(`round ${index + 1} ${variant}: ${round.stalled.length} instance(s) not done after ${STALL_MS / 1000} s, terminated (${round.stalled.join(', ')}); running the round again`);
        round = await runRound(variant, INSTANCES, `r${index}-again`);
        if (round.stalled.length > 0) throw new Error(`instances stalled twice in a row (${round.stalled.join(', ')}): the Temporal server is not keeping up`);
      }
      rounds.push(round);
      log(`round ${index + 1}/${ORDER.length} ${variant}: ${round.perSecond.toFixed(1)} instances/s, p50 ${round.p50.toFixed(1)} ms, p95 ${round.p95.toFixed(1)} ms, ${round.cpuMs.toFixed(2)} ms CPU per instance here`);
    }

    const histories: Record<Variant, HistorySample[]> = { a: [], b: [] };
    for (const round of rounds) {
      const step = Math.max(1, Math.floor(round.workflowIds.length / HISTORY_SAMPLES));
      const ids = round.workflowIds.filter((_, i) => i % step === 0).filter((id) => !round.stalled.includes(id)).slice(0, HISTORY_SAMPLES);
      for (const id of ids) histories[round.variant].push(await sampleHistory(id));
    }

    const summary = (variant: Variant) => {
      const own = rounds.filter((round) => round.variant === variant);
      const samples = histories[variant];
      const typeCounts = new Map<string, number>();
      for (const sample of samples) for (const type of sample.types) typeCounts.set(type, (typeCounts.get(type) ?? 0) + 1);
      return {
        perSecond: median(own.map((round) => round.perSecond)),
        p50: median(own.map((round) => round.p50)),
        p95: median(own.map((round) => round.p95)),
        cpuMs: median(own.map((round) => round.cpuMs)),
        rounds: own.map((round) => round.perSecond),
        events: samples.reduce((sum, sample) => sum + sample.events, 0) / samples.length,
        minEvents: Math.min(...samples.map((sample) => sample.events)),
        maxEvents: Math.max(...samples.map((sample) => sample.events)),
        payloadKib: samples.reduce((sum, sample) => sum + sample.payloadBytes, 0) / samples.length / 1024,
        samples: samples.length,
        typeMeans: [...typeCounts.entries()].map(([type, count]) => [type, count / samples.length] as const),
        example: samples[0]?.types ?? [],
      };
    };
    const a = summary('a');
    const b = summary('b');

    console.log('');
    console.log(`Five-step process (A → exclusive gateway → B ‖ C → join), ${INSTANCES} instances per round, ${CONCURRENCY} in flight, rounds ${rounds.map((round) => round.variant).join(', ')} after ${WARMUP_INSTANCES} warm-up instances each; medians over rounds.`);
    for (const [variant, figures] of [['a', a], ['b', b]] as const) {
      console.log(`  (${variant}) ${LABELS[variant]}`);
      console.log(`      ${figures.perSecond.toFixed(1)} instances/s (rounds: ${figures.rounds.map((value) => value.toFixed(1)).join(', ')}), latency p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, ${figures.cpuMs.toFixed(2)} ms CPU per instance in this process (client + worker)`);
      console.log(`      ${figures.events.toFixed(1)} history events per instance (min ${figures.minEvents}, max ${figures.maxEvents}, ${figures.samples} sampled), ${figures.payloadKib.toFixed(1)} KiB of payloads in its history`);
      console.log(`      events per instance by type: ${figures.typeMeans.map(([type, mean]) => `${type} ${round1(mean)}`).join(', ')}`);
      console.log(`      one instance: ${figures.example.join(' → ')}`);
    }

    const ratio = a.perSecond / b.perSecond;
    const extraEvents = a.events - b.events;
    const ratioMet = ratio >= TARGETS.ratio;
    const eventsMet = a.events <= b.events + TARGETS.extraEvents;
    console.log('');
    console.log(`  throughput ratio interpreter / hand-written: ${ratio.toFixed(2)} (target ≥ ${TARGETS.ratio}: ${ratioMet ? 'met' : 'MISSED'})`);
    console.log(`  CPU per instance in this process, interpreter / hand-written: ${(a.cpuMs / b.cpuMs).toFixed(2)} (+${(a.cpuMs - b.cpuMs).toFixed(2)} ms: the interpreter's own cost, unaffected by the server's speed)`);
    console.log(`  p95 latency ratio interpreter / hand-written: ${(a.p95 / b.p95).toFixed(2)}`);
    console.log(`  history events: interpreter ${a.events.toFixed(1)} vs hand-written ${b.events.toFixed(1)}, ${extraEvents >= 0 ? '+' : ''}${extraEvents.toFixed(1)} (target ≤ +${TARGETS.extraEvents}: ${eventsMet ? 'met' : 'MISSED'})`);
    if (!eventsMet) {
      const bTypes = new Map(b.typeMeans);
      const extra = a.typeMeans
        .map(([type, mean]) => [type, mean - (bTypes.get(type) ?? 0)] as const)
        .filter(([, delta]) => delta > 0.05)
        .map(([type, delta]) => `${type} +${round1(delta)}`);
      console.log(`    extra events per instance in the interpreter: ${extra.join(', ') || 'none by type'}`);
    }
    figuresLine = JSON.stringify({
        interpreter_per_s: round1(a.perSecond),
        handwritten_per_s: round1(b.perSecond),
        ratio: Number(ratio.toFixed(3)),
        interpreter_events: round1(a.events),
        handwritten_events: round1(b.events),
        interpreter_p95_ms: round1(a.p95),
        handwritten_p95_ms: round1(b.p95),
    });
  } finally {
    for (const { worker } of workers) worker.shutdown();
    await Promise.allSettled(workers.map(({ running }) => running));
    await nativeConnection?.close();
    await connection?.close();
    await infra.stop();
  }
  console.log(`  total run time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // Last, after the cleanup, so nothing prints after it.
  console.log(figuresLine);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
