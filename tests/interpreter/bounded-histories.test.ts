/**
 * Bounded histories in every shape (workflows/interpreter/parking.ts): an instance whose
 * history grows long continues as new once every token is parked, wherever the tokens are: in
 * a loop inside a subprocess, beside branches waiting for an agent, a message, a signal, a
 * timer, an event-based gateway or an incident's resolution, beside a running event subprocess. Each wait is taken up where it was: the task
 * record and the subscription records are the same ones, timers keep their due time, a
 * reminder cycle does not start again. The history limit is lowered so that it happens often.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { compile } from '../../compiler';
import { MessageSubscriptionModel } from '../../platform/storage/message-subscription';
import { SignalSubscriptionModel } from '../../platform/storage/signal-subscription';
import { TaskModel } from '../../platform/storage/task';
import type { RunProcessInput, RunProcessResult } from '../../workflows/definitions';
import { countIn, eventually, fixture, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('bounded histories in every shape', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    for (const name of ['loop-in-subprocess', 'loop-beside-waits', 'loop-beside-event-subprocess', 'loop-beside-multi-instance', 'loop-in-multi-instance']) await p.deploy(`interpreter/${name}.bpmn`);
  });
  afterAll(async () => {
    await p.stop();
  });

  /** Starts the fixture's process with a history limit of `continueAfter` events; `runs()` tracks the runs seen so far. */
  async function startLooping(processKey: string, variables: Record<string, unknown>, continueAfter: number, stopStepsAfter?: number) {
    const { graph } = await compile(fixture(`interpreter/${processKey}.bpmn`));
    if (!graph) throw new Error(`${processKey} does not compile`);
    const input: RunProcessInput = {
      graph,
      processVersion: 1,
      variables,
      externalTaskQueue: `${p.platform.taskQueue}-external`,
      continueAsNewAfterEvents: continueAfter,
      ...(stopStepsAfter ? { stopStepsAfterEvents: stopStepsAfter } : {}),
    };
    const workflowId = `${processKey}-${randomUUID()}`;
    const first = await p.platform.temporal.workflow.start('runProcess', { taskQueue: p.platform.taskQueue, workflowId, args: [input] });
    const latest = () => p.platform.temporal.workflow.getHandle(workflowId);
    const runs = new Set<string>([first.firstExecutionRunId]);
    const runsAtLeast = (count: number) =>
      eventually(async () => {
        runs.add((await latest().describe()).runId);
        return runs.size >= count ? runs.size : undefined;
      }, `${count} runs of ${workflowId}`, 90_000);
    /** Replays every run seen: the frozen ones that continued, and those that took their waits up. */
    const replayRuns = async () => {
      runs.add((await latest().describe()).runId);
      let index = 0;
      for (const runId of runs) {
        const history = await p.platform.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
        await expect(Worker.runReplayHistory({ workflowBundle: { codePath: process.env.ROUAGE_TEST_WORKFLOW_BUNDLE! } }, history, workflowId)).resolves.toBeUndefined();
        // Kept for replay.test.ts: a run that froze, and one that took its waits up (then froze or ended).
        if (process.env.RECORD_HISTORIES === '1' && (index === 1 || index === runs.size - 1)) {
          const stage = index === runs.size - 1 ? 'resumed-completed' : 'resumed-continued';
          writeFileSync(path.join(__dirname, 'histories', `${workflowId}.${stage}.history.bin`), temporal.api.history.v1.History.encode(history).finish());
        }
        index++;
      }
    };
    return { workflowId, first, latest, runs, runsAtLeast, replayRuns };
  }

  it('continues a loop inside a subprocess as new, with its local variables, its event subprocess and its boundary timer', async () => {
    // No pause between rounds (the dev server's timers fire to the second): 100 rounds take a few seconds.
    const looping = await startLooping('loop-in-subprocess', { count: 0, target: 100, pause: 'PT0S', reminded: 0, reminderDelay: 'PT2S', giveUpAfter: 'PT1H' }, 50);
    const result = (await looping.latest().result()) as RunProcessResult;

    // The output mapping ran once, at the end, in the last run; the input mapping stayed local.
    expect(result.variables).toMatchObject({ count: 100, total: 100, reminded: 1 });
    expect(result.variables).not.toHaveProperty('limit');
    expect(countIn(p.log.calls.filter((c) => c.instanceId === looping.workflowId).map((c) => c.type), 'test.increment')).toBe(100);
    expect((await p.platform.temporal.workflow.getHandle(looping.workflowId, looping.first.firstExecutionRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    // 100 rounds make about 1,000 events; each run stayed near the limit.
    const history = await looping.latest().fetchHistory();
    expect(history.events!.length).toBeLessThan(150);
    await looping.replayRuns();
  }, 120_000);

  it('continues a loop as new beside branches waiting for an agent, a message, a signal, a timer, an event-based gateway and an incident; each wait is taken up where it was', async () => {
    const caseId = `WAITS-${Date.now()}`;
    const looping = await startLooping(
      'loop-beside-waits',
      { count: 0, target: 150, pause: 'PT0S', waitDelay: 'PT3S', nudgeCycle: 'R2/PT1S', nudged: 0, caseId },
      60,
    );
    const { workflowId } = looping;
    const task = await p.openTask(workflowId, 'review');
    const incident = await p.incidentAt(workflowId, 'fragile');
    const records = async () => ({
      signal: await SignalSubscriptionModel.find({ instanceId: workflowId }).lean(),
      message: await MessageSubscriptionModel.find({ instanceId: workflowId }).lean(),
    });
    const before = await eventually(async () => {
      const found = await records();
      return found.signal.length === 1 && found.message.length === 2 ? found : undefined;
    }, 'the subscription records');

    const runsBefore = await looping.runsAtLeast(3);
    // The same records, never removed and written again: a broadcast or a publication between two runs finds them.
    expect(await records()).toEqual(before);
    expect((await p.broadcast({ name: 'feu-vert-boucle', variables: { go: true } })).status).toBe(200);
    expect((await p.publish({ name: 'piece-jointe', correlationKey: caseId, variables: { document: 'reçue' }, timeToLiveSeconds: 0 })).body.correlated).toBe(1);
    expect((await p.publish({ name: 'relance-boucle', correlationKey: caseId, variables: { reminder: 'reçue' }, timeToLiveSeconds: 0 })).body.correlated).toBe(1);
    // The same incident, carried: resolved by the id the first run gave it.
    expect((await p.instance(workflowId)).incidents).toEqual([incident]);
    expect((await p.resolveIncident(workflowId, incident.incidentId, { fixed: true })).status).toBe(200);

    await p.waitFor(workflowId, (view) => view.variables.count === 150, 'the loop to end', 90_000);
    expect(looping.runs.size).toBeGreaterThanOrEqual(runsBefore);
    expect((await p.completeTask(task.id, { reviewed: true })).status).toBe(200);
    const result = (await looping.latest().result()) as RunProcessResult;

    // The reminder cycle fired twice in all, across runs; the 3 s timer fired (restarted at
    // each continuation it would never have).
    expect(result.variables).toMatchObject({ count: 150, nudged: 2, go: true, document: 'reçue', reminder: 'reçue', flakyDone: true, reviewed: true });
    const tasks = await TaskModel.find({ instanceId: workflowId }).lean();
    expect(tasks.map((t) => [t._id, t.state])).toEqual([[task.id, 'completed']]);
    expect(await records()).toEqual({ signal: [], message: [] });
    // Each resumed token took up the path step it had entered: none is left open, none doubled
    // (the review's step may be gone: a continuation keeps the last 100 steps and the open ones).
    const view = await p.instance(workflowId);
    expect(countIn(view.path.map((s) => s.elementId), 'review')).toBeLessThanOrEqual(1);
    expect(view.path.filter((step) => step.leftAt === undefined)).toEqual([]);
    await looping.replayRuns();
  }, 180_000);

  it('continues a loop as new beside a running event subprocess whose task waits for an agent', async () => {
    const caseId = `QUESTION-${Date.now()}`;
    const looping = await startLooping('loop-beside-event-subprocess', { count: 0, target: 1_000_000, pause: 'PT0.05S', caseId }, 50);
    await looping.runsAtLeast(2);
    await eventually(async () => ((await p.publish({ name: 'question-usager', correlationKey: caseId, timeToLiveSeconds: 0 })).body.correlated === 1 ? true : undefined), 'the question');
    const task = await p.openTask(looping.workflowId, 'answer-question');
    // The event subprocess, its task waiting, is carried by two more continuations.
    await looping.runsAtLeast(looping.runs.size + 2);
    expect((await p.completeTask(task.id, { answer: 'oui' })).status).toBe(200);

    const result = (await looping.latest().result()) as RunProcessResult;
    expect(result.variables.answer).toBe('oui');
    expect(result.variables.count).toBeLessThan(1_000_000);
    const tasks = await TaskModel.find({ instanceId: looping.workflowId }).lean();
    expect(tasks.map((t) => [t._id, t.state])).toEqual([[task.id, 'completed']]);
    await looping.replayRuns();
  }, 180_000);

  it('holds a loop near the history limit while a multi-instance activity, which is not carried, runs beside it; then continues as new', async () => {
    const looping = await startLooping('loop-beside-multi-instance', { count: 0, target: 120, reviewers: ['alice', 'bruno'] }, 50, 150);
    const { workflowId } = looping;
    const tasks = await eventually(async () => {
      const found = await TaskModel.find({ instanceId: workflowId, elementId: 'opinion', state: { $in: ['created', 'assigned'] } }).lean();
      // In the order of the reviewers: their ids end in the occurrence (…:opinion:1, …:opinion:2).
      return found.length === 2 ? found.sort((a, b) => a._id.localeCompare(b._id)) : undefined;
    }, 'the two opinion tasks');

    // The loop stops short of its target, in the first run, its history held near 150 events.
    const held = await eventually(async () => {
      const before = (await p.instance(workflowId)).variables.count as number;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = (await p.instance(workflowId)).variables.count as number;
      return after === before && after > 0 ? after : undefined;
    }, 'the loop to hold', 60_000);
    expect(held).toBeLessThan(120);
    // The held token shows at the loop's element it stands after, beside the opinion activity and its two runs.
    const active = (await p.instance(workflowId)).activeElements.map((a) => a.elementId);
    expect(active.filter((id) => id === 'opinion')).toHaveLength(3);
    expect(active.filter((id) => ['again', 'increment', 'more', 'loop-back'].includes(id))).toHaveLength(1);
    expect((await looping.latest().describe()).runId).toBe(looping.first.firstExecutionRunId);
    const length = (await looping.latest().fetchHistory()).events!.length;
    expect(length).toBeGreaterThanOrEqual(150);
    expect(length).toBeLessThan(200);

    for (const [index, task] of tasks.entries()) expect((await p.completeTask(task._id, { opinion: `avis ${index}` })).status).toBe(200);
    const result = (await looping.latest().result()) as RunProcessResult;
    expect(result.variables).toMatchObject({ count: 120, opinions: ['avis 0', 'avis 1'] });
    expect((await p.platform.temporal.workflow.getHandle(workflowId, looping.first.firstExecutionRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    await looping.replayRuns();
  }, 180_000);

  it('lets a loop inside a multi-instance subprocess go on past the near-limit mark (its runs cannot be carried, so it must not wait for them)', async () => {
    const looping = await startLooping('loop-in-multi-instance', { count: 0, target: 40, items: ['a', 'b'] }, 50, 120);
    const result = (await looping.latest().result()) as RunProcessResult;
    expect(result.variables.count).toBeGreaterThanOrEqual(40);
    // The first run went past the mark while the runs looped (nothing could be carried meanwhile).
    const firstRun = p.platform.temporal.workflow.getHandle(looping.workflowId, looping.first.firstExecutionRunId);
    expect((await firstRun.fetchHistory()).events!.length).toBeGreaterThan(200);
  }, 120_000);
});
