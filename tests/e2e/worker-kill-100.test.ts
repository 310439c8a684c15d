/**
 * Durability under load: 100 instances of the triage process are started on a real worker
 * process, which is killed (SIGKILL) while they are in flight: some have their task, others
 * are between the AI step and the task, or not yet picked up. A new worker process finishes
 * every one of them: each instance completes, with exactly one task record and exactly one AI
 * audit record for its classify step (no step ran twice with a second effect).
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AiContributionModel, TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { kill, startWorkerProcess } from '../support/worker-process';

const triageXml = readFileSync(path.join(__dirname, '../../examples/triage-signalement.bpmn'), 'utf8');

const INSTANCES = 100;
/** The worker is killed once this many tasks are open (about a third of the instances). */
const KILL_AFTER_TASKS = 30;
const CONCURRENCY = 10;
/** temporal.api.enums.v1.PendingActivityState, as `describe().raw` gives it (a number). */
const ACTIVITY_STATES = ['unspecified', 'scheduled', 'started', 'cancel-requested', 'paused', 'pause-requested'];
const activityState = (state: unknown) => ACTIVITY_STATES[Number(state)] ?? String(state);

/** Both branches of the gateway: group A (voirie, éclairage) and group B (the rest). */
const REPORTS = [
  { description: 'Panneau stop arraché au carrefour, la chaussée est dangereuse', group: 'group-a' },
  { description: 'Plusieurs lampadaires éteints le long du quai depuis une semaine', group: 'group-a' },
  { description: 'Les poubelles débordent depuis plusieurs jours, odeurs et rats', group: 'group-b' },
  { description: 'Une branche d’arbre menace de tomber sur l’aire de jeux du parc', group: 'group-b' },
];

/** Runs `work` on every item, at most `limit` at a time; results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** How many records each instance has: every instance listed, with 0 when it has none. */
async function countPerInstance(model: typeof TaskModel | typeof AiContributionModel, filter: Record<string, unknown>, instanceIds: string[]) {
  const rows = await (model as typeof TaskModel).aggregate<{ _id: string; n: number }>([
    { $match: filter },
    { $group: { _id: '$instanceId', n: { $sum: 1 } } },
  ]);
  const counts = new Map<string, number>(instanceIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row._id, row.n);
  return counts;
}

describe('worker killed under load', () => {
  let platform: TestPlatform;
  const workers: ChildProcess[] = [];
  const instanceIds: string[] = [];

  /** For a failure message: the instances without a task, with what Temporal says they wait for. */
  async function describeStuck(ids: string[]): Promise<string> {
    const withTask = new Set((await TaskModel.find({ instanceId: { $in: ids } }, { instanceId: 1 }).lean()).map((t) => t.instanceId));
    const stuck = ids.filter((id) => !withTask.has(id));
    const lines = await Promise.all(
      stuck.map(async (id) => {
        const { raw } = await platform.temporal.workflow.getHandle(id).describe();
        const pending = (raw.pendingActivities ?? []).map((a) => {
          const started = a.lastStartedTime?.seconds ? new Date(Number(a.lastStartedTime.seconds) * 1000).toISOString() : 'never';
          return `${a.activityType?.name} attempt ${a.attempt} (${activityState(a.state)}, last started ${started})`;
        });
        return `  ${id}: ${pending.join(', ') || 'no pending activity'}${raw.pendingWorkflowTask ? ', a workflow task pending' : ''}`;
      }),
    );
    return `${stuck.length} instance(s) without a task at ${new Date().toISOString()}:\n${lines.join('\n')}`;
  }

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
  });
  afterAll(async () => {
    await Promise.all(workers.map(kill));
    // An instance left running (the test failed) would otherwise wait forever for a worker.
    await Promise.all(instanceIds.map((id) => platform.temporal.workflow.getHandle(id).terminate('worker-kill-100 test over').catch(() => undefined)));
    await platform.stop();
  });

  it('finishes 100 instances after their worker was killed mid-run, each step taking effect once', async () => {
    const t0 = Date.now();
    const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    const owner = await platform.login('owner');
    const agents: Record<string, string> = { 'group-a': await platform.login('agent-a'), 'group-b': await platform.login('agent-b') };
    expect((await platform.request('POST', '/api/v1/processes', { token: owner, body: triageXml, contentType: 'application/xml' })).status).toBe(201);

    workers.push(await startWorkerProcess(platform));

    // Start the 100 instances in the background, 10 requests at a time.
    const starting = mapLimit(
      Array.from({ length: INSTANCES }, (_, i) => REPORTS[i % REPORTS.length]!),
      CONCURRENCY,
      async (report, i) => {
        const started = await platform.request('POST', '/api/v1/processes/triage-signalement/instances', {
          token: owner,
          json: { variables: { description: report.description }, businessKey: `SIG-${i}` },
        });
        if (started.status !== 201) throw new Error(`start ${i} answered ${started.status}: ${JSON.stringify(started.body)}`);
        instanceIds.push(started.body.instanceId as string);
        return started.body.instanceId as string;
      },
    );
    starting.catch(() => undefined); // awaited below; keeps an early failure from being unhandled

    // Kill the worker once about a third of the instances reached their task.
    await eventually(async () => ((await TaskModel.countDocuments()) >= KILL_AFTER_TASKS ? true : undefined), `${KILL_AFTER_TASKS} tasks to open`, 45_000);
    await kill(workers[0]!);
    expect(workers[0]!.signalCode).toBe('SIGKILL');
    const atKill = {
      started: instanceIds.length,
      tasks: await TaskModel.countDocuments(),
      aiRecords: await AiContributionModel.countDocuments(),
    };
    console.log(
      `[worker-kill-100] SIGKILL at ${elapsed()}: ${atKill.started} instances started, ${atKill.aiRecords} classified (AI audit records), ` +
        `${atKill.tasks} with their task open, ${atKill.started - atKill.tasks} started but not yet at their task`,
    );
    // What the dead worker held: activities it had started (retried only after their timeout) and the rest.
    const pendingAtKill = new Map<string, number>();
    await mapLimit([...instanceIds], CONCURRENCY, async (id) => {
      const { raw } = await platform.temporal.workflow.getHandle(id).describe();
      for (const a of raw.pendingActivities ?? []) {
        const key = `${a.activityType?.name} ${activityState(a.state)}`;
        pendingAtKill.set(key, (pendingAtKill.get(key) ?? 0) + 1);
      }
    });
    console.log(`[worker-kill-100] pending activities right after the kill: ${JSON.stringify(Object.fromEntries(pendingAtKill))}`);
    // The kill hit instances in flight: not all of them had reached their task.
    expect(atKill.tasks).toBeLessThan(INSTANCES);

    workers.push(await startWorkerProcess(platform));
    console.log(`[worker-kill-100] new worker polling at ${elapsed()}`);
    const ids = await starting;
    expect(new Set(ids).size).toBe(INSTANCES);

    // Every instance reaches its task on the new worker; the agents complete them, 10 at a time.
    await eventually(async () => ((await TaskModel.countDocuments({ instanceId: { $in: ids } })) >= INSTANCES ? true : undefined), 'every task to open', 45_000).catch(
      async (error: Error) => {
        throw new Error(`${error.message}\n${await describeStuck(ids)}`);
      },
    );
    console.log(`[worker-kill-100] all ${INSTANCES} tasks open at ${elapsed()}`);
    const tasks = await TaskModel.find({ instanceId: { $in: ids } }).lean();
    const completions = await mapLimit(tasks, CONCURRENCY, async (task) => {
      const group = task.candidateGroups[0]!;
      const response = await platform.request('POST', `/api/v1/tasks/${encodeURIComponent(task._id)}/complete`, {
        token: agents[group]!,
        json: { variables: { resolution: `traité par ${group}` } },
      });
      return { taskId: task._id, status: response.status };
    });
    expect(completions.filter((c) => c.status !== 200)).toEqual([]);
    console.log(`[worker-kill-100] all tasks completed through the API at ${elapsed()}`);

    // Every instance completes, as Temporal and the API both say, through the expected branch.
    const expectedGroup = new Map(ids.map((id, i) => [id, REPORTS[i % REPORTS.length]!.group]));
    const outcomes = await mapLimit(ids, CONCURRENCY, async (instanceId) => {
      const handle = platform.temporal.workflow.getHandle(instanceId);
      const result = (await handle.result()) as { variables: { resolution?: string; triage?: { category?: string } } };
      const status = (await handle.describe()).status.name;
      const described = await platform.request('GET', `/api/v1/instances/${encodeURIComponent(instanceId)}`, { token: owner });
      return { instanceId, status, apiStatus: described.status === 200 ? described.body.status : described.status, resolution: result.variables.resolution };
    });
    expect(outcomes.filter((o) => o.status !== 'COMPLETED' || o.apiStatus !== 'completed')).toEqual([]);
    expect(outcomes.filter((o) => o.resolution !== `traité par ${expectedGroup.get(o.instanceId)}`)).toEqual([]);

    // Exactly one task per instance (none opened twice), each completed.
    const taskCounts = await countPerInstance(TaskModel, { instanceId: { $in: ids } }, ids);
    expect([...taskCounts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(await TaskModel.countDocuments()).toBe(INSTANCES);
    const finalTasks = await TaskModel.find({ instanceId: { $in: ids } }).lean();
    expect(finalTasks.filter((t) => t.state !== 'completed').map((t) => `${t._id}: ${t.state}`)).toEqual([]);
    expect(finalTasks.filter((t) => !t.candidateGroups.includes(expectedGroup.get(t.instanceId)!)).map((t) => t._id)).toEqual([]);

    // Exactly one AI audit record per instance for its classify step (no second effect).
    const aiCounts = await countPerInstance(AiContributionModel, { instanceId: { $in: ids }, elementId: 'classer' }, ids);
    expect([...aiCounts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(await AiContributionModel.countDocuments()).toBe(INSTANCES);
    console.log(`[worker-kill-100] done at ${elapsed()}`);
  }, 90_000);
});
