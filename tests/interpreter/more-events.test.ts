/**
 * The remaining catch and throw combinations: an escalation end event caught by an
 * interrupting boundary event (the subprocess is left by the boundary event), an interrupting
 * signal boundary event on a user task (the task is canceled when the signal is broadcast), and
 * a multi-instance call activity (one called instance per item, results collected in order),
 * and a job whose type a FEEL expression computes (run by the teams' worker of that type).
 */
import { SignalSubscriptionModel, TaskModel } from '../../platform/storage';
import { countIn, eventually, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('escalation end events, signal boundary events, multi-instance call activities', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    for (const name of ['call-child', 'more-events', 'signal-reminders']) await p.deploy(`interpreter/${name}.bpmn`);
  });
  afterAll(async () => {
    await p.stop();
  });

  it('leaves a subprocess by an interrupting escalation boundary event when an escalation end event is reached inside', async () => {
    const instanceId = await p.start('more-events', { case: 'escalation' });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'which', 'check', 'check-start', 'urgent', 'escalated', 'escalated-end']);
    expect(done.path.find((s) => s.elementId === 'check')).toMatchObject({ canceled: true });
  });

  it('keeps a non-interrupting signal boundary event subscribed: two broadcasts back to back both reach it', async () => {
    const instanceId = await p.start('signal-reminders', { reminders: 0 });
    const task = await p.openTask(instanceId, 'handle');
    const subscribed = async () => SignalSubscriptionModel.find({ instanceId }, { _id: 1, openedAt: 1 }).lean();
    const before = await eventually(async () => ((await subscribed()).length === 1 ? subscribed() : undefined), 'the signal subscription');
    for (let i = 0; i < 2; i++) expect((await p.broadcast({ name: 'rappel-general' })).body).toMatchObject({ delivered: 1 });
    await p.waitFor(instanceId, (v) => v.variables.reminders === 2, 'two reminders');
    // The same record all along: it was never closed and opened again between the two.
    expect(await subscribed()).toEqual(before);
    expect((await p.completeTask(task.id)).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(countIn(pathIds(done), 'count-reminder')).toBe(2);
    expect(await subscribed()).toEqual([]);
  });

  it('cancels a user task when the signal of its interrupting boundary event is broadcast', async () => {
    const instanceId = await p.start('more-events', { case: 'review' });
    const task = await p.openTask(instanceId, 'review');
    // Signals are not buffered: broadcast once the boundary event's subscription is recorded.
    await eventually(async () => ((await SignalSubscriptionModel.countDocuments({ instanceId, name: 'retrait-demande' })) === 1 ? true : undefined), 'the signal subscription');
    const broadcast = await p.broadcast({ name: 'retrait-demande', variables: { motif: 'retrait' } });
    expect(broadcast.status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'which', 'review', 'withdrawn', 'withdrawn-end']);
    expect(done.variables.motif).toBe('retrait');
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'canceled' });
  });

  it('runs a job whose type is computed by FEEL on the external task queue', async () => {
    const instanceId = await p.start('more-events', { case: 'computed', action: 'set' });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.variables.computed).toBe(true);
    expect(p.log.calls.filter((c) => c.instanceId === instanceId).map((c) => c.type)).toEqual(['test.set']);
  });

  it('runs a multi-instance call activity: one called instance per item, results in item order', async () => {
    const instanceId = await p.start('more-events', { case: 'call', amounts: [1, 2, 3] });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.variables.results).toEqual([10, 20, 30]);
    expect(countIn(pathIds(done), 'call-each')).toBe(1);
    for (const occurrence of [1, 2, 3]) {
      const child = await p.platform.temporal.workflow.getHandle(`${instanceId}:call-each:${occurrence}`).describe();
      expect(child.status.name).toBe('COMPLETED');
    }
  });
});
