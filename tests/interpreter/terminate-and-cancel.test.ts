/**
 * Ending an instance early: a terminate end event ends the whole instance (the other tokens
 * are canceled, their open user tasks closed as canceled, their subscriptions removed), and
 * POST /api/v1/instances/:id/cancel does the same from outside, for owners, supervisors and
 * admins only.
 */
import { MessageSubscriptionModel, TaskModel } from '../../platform/storage';
import { eventually, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('terminate end event and instance cancellation', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    await p.deploy('terminate-end.bpmn');
  });
  afterAll(async () => {
    await p.stop();
  });

  async function startWaiting(caseNumber: string) {
    const instanceId = await p.start('terminate-end', { caseNumber });
    const task = await p.openTask(instanceId, 'instruct');
    await p.waitFor(instanceId, (v) => v.activeElements.some((a) => a.elementId === 'wait-withdrawal' && a.message), 'the withdrawal subscription');
    return { instanceId, task };
  }

  it('ends the whole instance at a terminate end event, canceling the open task', async () => {
    const { instanceId, task } = await startWaiting('T-1');
    const published = await p.publish({ name: 'desistement', correlationKey: 'T-1', variables: { reason: 'déménagement' } });
    expect(published.body).toMatchObject({ correlated: 1 });

    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.terminatedBy).toBe('withdrawn');
    expect(done.variables).toMatchObject({ caseNumber: 'T-1', reason: 'déménagement' });
    expect(pathIds(done)).toEqual(expect.arrayContaining(['start', 'fork', 'instruct', 'wait-withdrawal', 'withdrawn']));
    expect(done.path.find((s) => s.elementId === 'instruct')).toMatchObject({ canceled: true });
    expect(done.path.find((s) => s.elementId === 'wait-withdrawal')!.canceled).toBeUndefined();

    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'canceled' });
    expect((await p.completeTask(task.id)).status).toBe(409);
  });

  it('withdraws the other tokens when the decision path terminates first', async () => {
    const { instanceId, task } = await startWaiting('T-2');
    expect((await p.completeTask(task.id, { decision: 'granted' })).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.terminatedBy).toBe('decided');
    expect(done.path.find((s) => s.elementId === 'wait-withdrawal')).toMatchObject({ canceled: true });
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
    // A withdrawal arriving now finds nobody.
    expect((await p.publish({ name: 'desistement', correlationKey: 'T-2', timeToLiveSeconds: 0 })).body).toMatchObject({ correlated: 0 });
  });

  it('cancels an instance through the API: owners, supervisors and admins only; every open task canceled', async () => {
    const { instanceId, task } = await startWaiting('T-3');

    const byAgent = await p.platform.request('POST', `/api/v1/instances/${instanceId}/cancel`, { token: p.agentA });
    expect(byAgent.status).toBe(403);
    expect((await p.instance(instanceId)).status).toBe('running');

    const supervisor = await p.platform.login('supervisor');
    const canceled = await p.platform.request('POST', `/api/v1/instances/${instanceId}/cancel`, { token: supervisor });
    expect(canceled.status).toBe(202);
    expect(canceled.body).toMatchObject({ instanceId, canceledBy: 'supervisor' });
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'canceled' });
    expect((await p.completeTask(task.id)).status).toBe(409);

    const over = await p.waitForStatus(instanceId, 'canceled');
    expect(over.activeElements).toEqual([]);
    for (const elementId of ['instruct', 'wait-withdrawal']) expect(over.path.find((s) => s.elementId === elementId)).toMatchObject({ canceled: true });
    await eventually(async () => ((await MessageSubscriptionModel.countDocuments({ instanceId })) === 0 ? true : undefined), 'the subscription to be removed');
    // The workflow released what its tokens held too, before ending canceled.
    const history = await p.platform.temporal.workflow.getHandle(instanceId).fetchHistory();
    const scheduled = (history.events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : []));
    expect(scheduled).toEqual(expect.arrayContaining(['closeUserTask', 'closeMessageSubscription']));

    const again = await p.platform.request('POST', `/api/v1/instances/${instanceId}/cancel`, { token: p.owner });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const missing = await p.platform.request('POST', '/api/v1/instances/no-such-instance/cancel', { token: p.owner });
    expect(missing.status).toBe(404);
  });
});
