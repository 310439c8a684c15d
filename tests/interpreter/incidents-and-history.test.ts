/**
 * Incidents and bounded histories. A token that cannot go on (no gateway flow to take, a job
 * out of retries, a job no worker picks up in time) waits at its element with an incident the
 * API shows; resolving it (owners, supervisors, admins), with variables when they are the
 * cure, runs the element again. An instance whose history grows long continues as new and
 * carries on where it was.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { compile } from '../../compiler';
import type { RunProcessInput, RunProcessResult } from '../../workflows/definitions';
import { countIn, fixture, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';
import { eventually } from '../support/platform';

describe('incidents and bounded histories', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    await p.deploy('interpreter/incidents.bpmn');
  });
  afterAll(async () => {
    await p.stop();
  });

  it('holds a token at a gateway with no true condition and at a job out of retries, until the incident is resolved with variables', async () => {
    const instanceId = await p.start('incidents', {});
    const atGateway = await p.incidentAt(instanceId, 'route');
    expect(atGateway.reason).toMatch(/no outgoing flow/);
    expect((await p.instance(instanceId)).activeElements.map((a) => a.elementId)).toEqual(['route']);

    // Only owners, supervisors and admins resolve incidents; an unknown incident is a conflict.
    expect((await p.platform.request('POST', `/api/v1/instances/${instanceId}/incidents/${atGateway.incidentId}/resolve`, { token: p.agentA, json: {} })).status).toBe(403);
    expect((await p.resolveIncident(instanceId, 'route:99')).status).toBe(409);

    expect((await p.resolveIncident(instanceId, atGateway.incidentId, { path: 'flaky' })).status).toBe(200);
    const atJob = await p.incidentAt(instanceId, 'flaky');
    expect(atJob.reason).toMatch(/the remote service refused the call/);
    // A resolved incident cannot be resolved twice.
    expect((await p.resolveIncident(instanceId, atGateway.incidentId)).status).toBe(409);

    expect((await p.resolveIncident(instanceId, atJob.incidentId, { fixed: true })).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'route', 'flaky', 'end']);
    expect(done.variables).toMatchObject({ path: 'flaky', fixed: true, flakyDone: true });
    expect(p.log.calls.filter((c) => c.instanceId === instanceId && c.type === 'test.flaky')).toHaveLength(2);
  });

  it('keeps the boundary timer of a job in incident running: when it fires, the token leaves by it and the incident is gone', async () => {
    const instanceId = await p.start('incidents', { path: 'guarded', guardDelay: 'PT3S' });
    const incident = await p.incidentAt(instanceId, 'guarded-call');
    expect(incident.reason).toMatch(/the remote service refused the call/);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'route', 'guarded-call', 'gave-up', 'gave-up-end']);
    expect(done.path.find((s) => s.elementId === 'guarded-call')).toMatchObject({ canceled: true });
    expect(done.incidents ?? []).toEqual([]);
  });

  it('makes a job no worker picks up within its schedule-to-start time an incident, and resumes once a worker serves it', async () => {
    const instanceId = await p.start('incidents', { path: 'unserved' });
    const incident = await p.incidentAt(instanceId, 'unserved');
    expect(incident.reason).toMatch(/no worker took the test\.unserved job on task queue rouage-test-unserved/);

    const connection = await NativeConnection.connect({ address: p.platform.temporalAddress });
    const worker = await Worker.create({ connection, taskQueue: 'rouage-test-unserved', activities: { 'test.unserved': async () => ({ servedAt: 'team worker' }) } });
    const running = worker.run();
    try {
      expect((await p.resolveIncident(instanceId, incident.incidentId)).status).toBe(200);
      const done = await p.waitForStatus(instanceId, 'completed');
      expect(done.variables.servedAt).toBe('team worker');
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });

  it('continues a looping instance as new when its history grows long, carrying variables and counters', async () => {
    const { graph } = await compile(fixture('interpreter/loop-continue.bpmn'));
    expect(graph).toBeDefined();
    const input: RunProcessInput = {
      graph: graph!,
      processVersion: 1,
      variables: { count: 0, target: 20 },
      externalTaskQueue: `${p.platform.taskQueue}-external`,
      continueAsNewAfterEvents: 40,
    };
    const handle = await p.platform.temporal.workflow.start('runProcess', { taskQueue: p.platform.taskQueue, workflowId: `loop-continue-${Date.now()}`, args: [input] });
    const result = (await handle.result()) as RunProcessResult;
    expect(result.variables).toMatchObject({ count: 20, target: 20 });

    const first = await p.platform.temporal.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    const last = await p.platform.temporal.workflow.getHandle(handle.workflowId).describe();
    expect(last.runId).not.toBe(handle.firstExecutionRunId);
    // Every run stayed short: none came near Temporal's 50,000-event limit.
    const history = await p.platform.temporal.workflow.getHandle(handle.workflowId).fetchHistory();
    expect(history.events!.length).toBeLessThan(120);
    expect(countIn(p.log.calls.filter((c) => c.instanceId === handle.workflowId).map((c) => c.type), 'test.increment')).toBe(20);
  });

  it('continues as new beside the event subprocesses of the process: they keep listening, and a timer that fired does not fire again', async () => {
    const { graph } = await compile(fixture('interpreter/loop-with-listeners.bpmn'));
    expect(graph).toBeDefined();
    const caseId = `LOOP-${Date.now()}`;
    const input: RunProcessInput = {
      graph: graph!,
      processVersion: 1,
      // Endless unless canceled, a round every 0.2 s at least; a reminder 3 s in.
      variables: { count: 0, target: 1_000_000, pause: 'PT0.2S', reminded: 0, reminderDelay: 'PT3S', caseId },
      externalTaskQueue: `${p.platform.taskQueue}-external`,
      continueAsNewAfterEvents: 40,
    };
    const handle = await p.platform.temporal.workflow.start('runProcess', { taskQueue: p.platform.taskQueue, workflowId: `loop-with-listeners-${Date.now()}`, args: [input] });
    const runs = new Set<string>();
    const latest = () => p.platform.temporal.workflow.getHandle(handle.workflowId);
    const runsAfter = async (count: number) =>
      eventually(async () => {
        runs.add((await latest().describe()).runId);
        return runs.size >= count ? true : undefined;
      }, `${count} runs`, 90_000);

    // The reminder fires once, in whichever run is current 3 s in.
    await p.waitFor(handle.workflowId, (view) => view.variables.reminded === 1, 'the reminder');
    const runsAtReminder = (await runsAfter(1), runs.size);
    // Continuations later, past another 3 s, it has not fired again.
    await runsAfter(runsAtReminder + 2);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect((await p.instance(handle.workflowId)).variables.reminded).toBe(1);

    // The cancellation message still reaches the instance, in its latest run.
    await eventually(async () => ((await p.publish({ name: 'annulation-boucle', correlationKey: caseId, timeToLiveSeconds: 0 })).body.correlated === 1 ? true : undefined), 'the cancellation');
    const result = (await latest().result()) as RunProcessResult;
    expect(result.variables).toMatchObject({ canceled: true, reminded: 1 });
    expect(result.variables.count).toBeLessThan(1_000_000);
    const first = await p.platform.temporal.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    expect(runs.size).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
