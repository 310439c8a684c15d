/**
 * Scopes and the elements that make them: embedded subprocesses (local variables, output
 * mappings, an error end event caught by an error boundary event), event subprocesses (a
 * non-interrupting message start runs alongside, an interrupting signal start cancels the
 * scope), escalations (non-interrupting boundary catch; uncaught ones change nothing),
 * multi-instance activities (parallel and sequential, output collection, completion
 * condition, one user task per item) and the inclusive gateway (fork on every true
 * condition, join waiting only for tokens that can still arrive). Real diagrams on the real
 * Temporal dev server, tasks completed through the API.
 */
import { MessageSubscriptionModel, TaskModel } from '../../platform/storage';
import { countIn, eventually, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('scopes: subprocesses, event subprocesses, escalations, multi-instance, inclusive gateway', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    for (const name of ['subprocess', 'event-subprocess', 'escalation', 'multi-instance', 'inclusive-gateway']) await p.deploy(`interpreter/${name}.bpmn`);
  });
  afterAll(async () => {
    await p.stop();
  });

  it('runs a subprocess in its own scope: local input, output mapping to the parent, a manual task passed through', async () => {
    const instanceId = await p.start('subprocess', { amount: 10 });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'compute', 'compute-start', 'double', 'check', 'compute-end', 'after', 'archive', 'end']);
    expect(done.variables).toMatchObject({ amount: 10, doubled: 20, total: 20, final: 21 });
    // The input mapping made `limit` local to the subprocess: the process scope never had it.
    expect(done.variables.limit).toBeUndefined();
  });

  it('catches an error end event of the subprocess with the error boundary event: the subprocess is left, its outputs not applied', async () => {
    const instanceId = await p.start('subprocess', { amount: 80 });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'compute', 'compute-start', 'double', 'check', 'too-high', 'rejected-boundary', 'rejected']);
    expect(done.path.find((s) => s.elementId === 'compute')).toMatchObject({ canceled: true });
    expect(done.variables.total).toBeUndefined();
    expect(done.variables.final).toBeUndefined();
  });

  it('runs a non-interrupting message event subprocess alongside the task, then an interrupting signal one cancels the task', async () => {
    const instanceId = await p.start('event-subprocess', { caseId: 'ESP-1', reminders: 0 });
    const task = await p.openTask(instanceId, 'work');
    await p.waitFor(instanceId, (v) => v.activeElements.length === 1, 'the task alone active');
    for (const expected of [1, 2]) {
      await eventually(async () => ((await p.publish({ name: 'relance', correlationKey: 'ESP-1' })).body.correlated === 1 ? true : undefined), 'the reminder subscription');
      await p.waitFor(instanceId, (v) => v.variables.reminders === expected, `reminder ${expected} counted`);
    }
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'created' });

    const broadcast = await p.broadcast({ name: 'abandon-general' });
    expect(broadcast.status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.variables).toMatchObject({ reminders: 2, outcome: 'abandon' });
    expect(countIn(pathIds(done), 'count-reminder')).toBe(2);
    expect(done.path.find((s) => s.elementId === 'work')).toMatchObject({ canceled: true });
    expect(pathIds(done)).not.toContain('end');
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'canceled' });
    // The reminder event subprocess stopped listening when the instance ended: its subscription is gone.
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
  });

  it('withdraws the event subprocesses that still listen when the instance ends normally', async () => {
    const instanceId = await p.start('event-subprocess', { caseId: 'ESP-2', reminders: 0 });
    const task = await p.openTask(instanceId, 'work');
    await eventually(async () => ((await MessageSubscriptionModel.countDocuments({ instanceId })) === 1 ? true : undefined), 'the reminder subscription');
    expect((await p.completeTask(task.id)).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'work', 'end']);
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
  });

  it('catches an escalation with a non-interrupting boundary event while the subprocess goes on; an uncaught one changes nothing', async () => {
    const instanceId = await p.start('escalation');
    const task = await p.openTask(instanceId, 'inner-task');
    const waiting = await p.waitFor(instanceId, (v) => v.variables.alertNoted === true, 'the alert noted');
    expect(Object.values(waiting.scopes ?? {})).toEqual([expect.objectContaining({ elementId: 'handle', parentKey: 'process' })]);
    expect(waiting.activeElements.map((a) => a.elementId).sort()).toEqual(['handle', 'inner-task']);

    expect((await p.completeTask(task.id)).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(expect.arrayContaining(['raise-alert', 'raise-unknown', 'alerted', 'note-alert', 'alert-end', 'inner-task', 'handle-end', 'end']));
    expect(done.path.find((s) => s.elementId === 'handle')!.canceled).toBeUndefined();
  });

  it('runs multi-instance activities: parallel with an output collection, sequential with a completion condition, one user task per reviewer', async () => {
    const agentB = await p.platform.login('agent-b');
    const instanceId = await p.start('multi-instance', { items: [2, 3, 4], reviewers: ['agent-a', 'agent-b'] });
    const tasks = await eventually(async () => {
      const found = await TaskModel.find({ instanceId, elementId: 'review' }).lean();
      return found.length === 2 ? found : undefined;
    }, 'two review tasks');
    expect(tasks.map((t) => t.assignee).sort()).toEqual(['agent-a', 'agent-b']);
    const waiting = await p.instance(instanceId);
    // The completion condition stopped the sequential runs after two: the third item's output stays null.
    expect(waiting.variables).toMatchObject({ squares: [4, 9, 16], seen: [102, 203, null] });
    expect(waiting.variables.squareOfItem).toBeUndefined();
    expect(waiting.activeElements.filter((a) => a.elementId === 'review' && a.loopCounter).map((a) => a.loopCounter).sort()).toEqual([1, 2]);

    const taskOf = (user: string) => tasks.find((t) => t.assignee === user)!;
    expect((await p.completeTask(String(taskOf('agent-a')._id), { opinion: 'favorable' })).status).toBe(200);
    await p.waitFor(instanceId, (v) => v.activeElements.filter((a) => a.loopCounter).length === 1, 'one review left');
    const second = await p.platform.request('POST', `/api/v1/tasks/${encodeURIComponent(String(taskOf('agent-b')._id))}/complete`, { token: agentB, json: { variables: { opinion: 'réservé' } } });
    expect(second.status).toBe(200);

    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.variables.opinions).toEqual(['favorable', 'réservé']);
    expect(done.variables.opinion).toBeUndefined();
    expect(countIn(pathIds(done), 'square')).toBe(1);
    // Each run's input element and loop counter stayed in its own scope.
    expect(done.variables.item).toBeUndefined();
    expect(done.variables.loopCounter).toBeUndefined();
  });

  it('forks an inclusive gateway on every true condition and joins only the tokens that can still arrive', async () => {
    const flagged = await p.start('inclusive-gateway', { legalRisk: true, mediaRisk: false });
    const legal = await p.openTask(flagged, 'legal');
    const normal = await p.openTask(flagged, 'normal');
    expect((await p.completeTask(normal.id)).status).toBe(200);
    // The legal review can still reach the join: the normal token waits there.
    const joining = await p.waitFor(flagged, (v) => v.activeElements.some((a) => a.elementId === 'join'), 'the normal token at the join');
    expect(joining.status).toBe('running');
    expect((await p.completeTask(legal.id)).status).toBe(200);
    const done = await p.waitForStatus(flagged, 'completed');
    expect(countIn(pathIds(done), 'join')).toBe(2);
    expect(countIn(pathIds(done), 'end')).toBe(1);
    expect(pathIds(done)).not.toContain('press');

    // Not flagged: only the normal handling runs, and the join does not wait for the others.
    const plain = await p.start('inclusive-gateway', { legalRisk: false, mediaRisk: false });
    const onlyNormal = await p.openTask(plain, 'normal');
    expect((await p.completeTask(onlyNormal.id)).status).toBe(200);
    const plainDone = await p.waitForStatus(plain, 'completed');
    expect(pathIds(plainDone)).toEqual(['start', 'split', 'normal', 'join', 'end']);
  });
});
