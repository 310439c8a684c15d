/**
 * Call activities and signals. A call activity runs the called process's latest version as a
 * child workflow: variables go in through input mappings and come back through output
 * mappings; a BPMN error the child does not catch is caught by the call activity's error
 * boundary event; canceling the parent cancels the child and closes its tasks. A signal throw
 * event reaches every instance waiting for the signal, with the variables its inputs map.
 */
import type { WorkflowClient } from '@temporalio/client';
import { TaskModel } from '../../platform/storage';
import { processKeyAttribute } from '../../workflows/search-attributes';
import { eventually, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('call activities and signals', () => {
  let p: InterpreterPlatform;
  let workflows: WorkflowClient;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    for (const name of ['call-child', 'call-parent', 'signals']) await p.deploy(`interpreter/${name}.bpmn`);
    workflows = p.platform.temporal.workflow;
  });
  afterAll(async () => {
    await p.stop();
  });

  it('runs the called process as a child workflow and maps variables both ways', async () => {
    const instanceId = await p.start('call-parent', { amount: 4, unrelated: 'stays home' });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'call', 'end']);
    expect(done.variables).toMatchObject({ amount: 4, result: 40 });
    // propagateAllChildVariables="false": only the output mapping came back.
    expect(done.variables.childResult).toBeUndefined();

    const childHandle = workflows.getHandle(`${instanceId}:call:1`);
    const child = await childHandle.result();
    // propagateAllParentVariables="false": the child saw its input, not the parent's other variables.
    expect(child.variables).toEqual({ input: 4, childResult: 40 });
    // The child is listed with its own process in Temporal, like every instance.
    expect((await childHandle.describe()).typedSearchAttributes.get(processKeyAttribute)).toBe('call-child');
  });

  it('catches the BPMN error the child throws with the call activity’s error boundary event', async () => {
    const instanceId = await p.start('call-parent', { amount: -1 });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'call', 'negative', 'negative-end']);
    expect(done.path[1]).toMatchObject({ elementId: 'call', canceled: true });
    const childFailure = await workflows.getHandle(`${instanceId}:call:1`).result().catch((error: Error) => error);
    expect(String((childFailure as Error & { cause?: Error }).cause?.message ?? childFailure)).toMatch(/NEGATIF/);
  });

  it('cancels the child and closes its task when the parent instance is canceled', async () => {
    const instanceId = await p.start('call-parent', { amount: 0 });
    const childId = `${instanceId}:call:1`;
    const childTask = await eventually(async () => (await TaskModel.findOne({ instanceId: childId, elementId: 'child-task' }).lean()) ?? undefined, 'the child task');
    expect(childTask.state).toBe('created');
    const canceled = await p.platform.request('POST', `/api/v1/instances/${instanceId}/cancel`, { token: p.owner });
    expect(canceled.status).toBe(202);
    await p.waitForStatus(instanceId, 'canceled');
    const child = await workflows.getHandle(childId).describe();
    expect(child.status.name).toBe('CANCELLED');
    expect(await TaskModel.findById(childTask._id).lean()).toMatchObject({ state: 'canceled' });
  });

  it('broadcasts a signal from a throw event to every waiting instance, with the variables its inputs map', async () => {
    const waiters = [await p.start('signals', { sender: false }), await p.start('signals', { sender: false })];
    for (const waiter of waiters) await p.waitFor(waiter, (v) => v.activeElements.some((a) => a.elementId === 'wait-alert' && a.signal === 'alerte-meteo'), 'the signal subscription');
    const sender = await p.start('signals', { sender: true, level: 'orange' });
    await p.waitForStatus(sender, 'completed');
    for (const waiter of waiters) {
      const done = await p.waitForStatus(waiter, 'completed');
      expect(pathIds(done)).toEqual(['start', 'role', 'wait-alert', 'end']);
      expect(done.variables.alertLevel).toBe('orange');
    }
    // A signal reaches the instances waiting when it is sent: a later one waits for the next.
    const late = await p.start('signals', { sender: false });
    await p.waitFor(late, (v) => v.activeElements.some((a) => a.signal), 'the late subscription');
    expect((await p.instance(late)).status).toBe('running');
    expect((await p.broadcast({ name: 'alerte-meteo', variables: { alertLevel: 'rouge' } })).status).toBe(200);
    expect((await p.waitForStatus(late, 'completed')).variables.alertLevel).toBe('rouge');
  });
});
