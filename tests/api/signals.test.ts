/**
 * Signals (POST /api/v1/signals, and signal throw events through the worker): a broadcast
 * reaches every instance waiting for the name, skips instances that ended, and starts one
 * instance of each process whose latest version has a signal start event of that name. A
 * broadcast happens once per signal id, even when retried.
 */
import { randomUUID } from 'node:crypto';
import { broadcastSignal } from '../../platform/instances/broadcast-signal';
import { InstanceModel, SignalBroadcastModel, SignalSubscriptionModel, TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const definitions = (body: string, signals: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
${body}
${signals.map((name) => `  <bpmn:signal id="signal-${name}" name="${name}" />`).join('\n')}
</bpmn:definitions>`;

/** A signal start event, then a user task for group A. */
const signalStarted = (processKey: string, signal: string) =>
  definitions(
    `<bpmn:process id="${processKey}" isExecutable="true">
    <bpmn:startEvent id="start-signal"><bpmn:signalEventDefinition id="sd" signalRef="signal-${signal}" /></bpmn:startEvent>
    <bpmn:userTask id="traiter" name="Traiter l'alerte"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start-signal" targetRef="traiter" />
    <bpmn:sequenceFlow id="f2" sourceRef="traiter" targetRef="end" />
  </bpmn:process>`,
    [signal],
  );

/** The same process key, started by a none start event only (a newer version without the signal start). */
const noneStarted = (processKey: string) =>
  definitions(
    `<bpmn:process id="${processKey}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>`,
    [],
  );

/** Waits at a signal catch event. */
const waiting = (processKey: string, signal: string) =>
  definitions(
    `<bpmn:process id="${processKey}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="attendre"><bpmn:signalEventDefinition id="sd" signalRef="signal-${signal}" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="attendre" />
    <bpmn:sequenceFlow id="f2" sourceRef="attendre" targetRef="end" />
  </bpmn:process>`,
    [signal],
  );

/** Throws the signal, then ends. */
const throwing = (processKey: string, signal: string) =>
  definitions(
    `<bpmn:process id="${processKey}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateThrowEvent id="emettre"><bpmn:signalEventDefinition id="sd" signalRef="signal-${signal}" /></bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="emettre" />
    <bpmn:sequenceFlow id="f2" sourceRef="emettre" targetRef="end" />
  </bpmn:process>`,
    [signal],
  );

describe('signals', () => {
  let platform: TestPlatform;
  let owner: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: true });
    owner = await platform.login('owner');
    for (const xml of [signalStarted('alerte-crue', 'crue'), signalStarted('alerte-autre', 'autre'), waiting('attente-crue', 'crue'), throwing('emetteur-crue', 'crue')]) {
      const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' });
      expect([deployed.status, deployed.body.diagnostics?.filter((d: { severity: string }) => d.severity === 'error')]).toEqual([201, []]);
    }
  });
  afterAll(() => platform.stop());

  const temporal = () => ({ client: platform.temporal, taskQueue: platform.taskQueue, externalTaskQueue: `${platform.taskQueue}-external` });
  const broadcast = (json: unknown, token = owner) => platform.request('POST', '/api/v1/signals', { token, json });
  const status = async (instanceId: string) => (await platform.request('GET', `/api/v1/instances/${instanceId}`, { token: owner })).body;
  const startWaiting = async () => {
    const started = await platform.request('POST', '/api/v1/processes/attente-crue/instances', { token: owner, json: {} });
    expect(started.status).toBe(201);
    const instanceId = started.body.instanceId as string;
    await eventually(async () => ((await SignalSubscriptionModel.countDocuments({ instanceId })) === 1 ? true : undefined), 'the signal subscription');
    return instanceId;
  };

  it('delivers to every waiting instance, skips ended ones, and starts the processes with a signal start event', async () => {
    const [first, second] = [await startWaiting(), await startWaiting()];
    // An instance that ended while its subscription stayed behind: skipped, not an error.
    await SignalSubscriptionModel.create({ _id: 'ended-instance:attendre:1', instanceId: 'attente-crue-ended', processKey: 'attente-crue', elementId: 'attendre', name: 'crue', openedAt: new Date() });

    const response = await broadcast({ name: 'crue', variables: { niveau: 3 } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ delivered: 2, started: 1 });

    for (const instanceId of [first, second]) {
      await eventually(async () => ((await status(instanceId)).status === 'completed' ? true : undefined), `instance ${instanceId} to complete`);
    }
    expect(await SignalSubscriptionModel.countDocuments({ instanceId: 'attente-crue-ended' })).toBe(0);

    // The started instance begins at the signal start event, with the signal's variables.
    const started = await InstanceModel.findOne({ processKey: 'alerte-crue' }).lean();
    expect(started).toMatchObject({ processKey: 'alerte-crue', processVersion: 1 });
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId: started!._id }).lean()) ?? undefined, 'the task of the started instance');
    expect(task.elementId).toBe('traiter');
    const view = await status(started!._id);
    expect(view.path[0].elementId).toBe('start-signal');
    expect(view.variables).toMatchObject({ niveau: 3 });
    expect(await InstanceModel.countDocuments({ processKey: 'alerte-autre' })).toBe(0);
  });

  it('answers zero counts for a signal nobody waits for', async () => {
    const response = await broadcast({ name: 'personne' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ delivered: 0, started: 0 });
  });

  it('broadcasts once per signal id, even when called again (a retried activity)', async () => {
    const instanceId = await startWaiting();
    const before = await InstanceModel.countDocuments({ processKey: 'alerte-crue' });
    // Started instances' ids derive from the signal id, and Temporal is shared by every run: a fresh id.
    const signalId = randomUUID();
    const request = { signalId, name: 'crue', variables: {}, publishedBy: 'test' };
    const first = await broadcastSignal(temporal(), request);
    const again = await broadcastSignal(temporal(), request);
    expect(first).toEqual({ signalId, delivered: 1, started: 1 });
    expect(again).toEqual(first);
    expect(await InstanceModel.countDocuments({ processKey: 'alerte-crue' })).toBe(before + 1);
    await eventually(async () => ((await status(instanceId)).status === 'completed' ? true : undefined), 'the waiting instance to complete');
  });

  it('forgets completed broadcasts after a week, not unfinished or recent ones', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);
    const record = (id: string, publishedAt: Date, completedAt: Date | null) => ({ _id: id, name: 'purge', publishedBy: 'owner', publishedAt, completedAt, deliveredTo: [], startedInstances: [] });
    const prefix = `purge-${randomUUID()}`;
    await SignalBroadcastModel.insertMany([
      record(`${prefix}-old`, daysAgo(9), daysAgo(8)),
      record(`${prefix}-recent`, daysAgo(2), daysAgo(2)),
      record(`${prefix}-unfinished`, daysAgo(9), null),
    ]);
    expect((await broadcast({ name: `nobody-${randomUUID()}` })).status).toBe(200);
    const left = await SignalBroadcastModel.find({ _id: { $in: ['old', 'recent', 'unfinished'].map((suffix) => `${prefix}-${suffix}`) } }, { _id: 1 }).lean();
    expect(left.map((r) => r._id).sort()).toEqual([`${prefix}-recent`, `${prefix}-unfinished`]);
  });

  it('resumes an interrupted broadcast without starting or delivering twice', async () => {
    const instanceId = await startWaiting();
    const before = await InstanceModel.countDocuments({ processKey: 'alerte-crue' });
    // As if an attempt had recorded the broadcast and died before reaching anyone.
    const signalId = randomUUID();
    await SignalBroadcastModel.create({ _id: signalId, name: 'crue', variables: {}, publishedBy: 'test', publishedAt: new Date(), deliveredTo: [], startedInstances: [] });
    const resumed = await broadcastSignal(temporal(), { signalId, name: 'crue', variables: {}, publishedBy: 'test' });
    expect(resumed).toMatchObject({ delivered: 1, started: 1 });
    await eventually(async () => ((await status(instanceId)).status === 'completed' ? true : undefined), 'the waiting instance to complete');
    // A second resume (the record says it completed) does nothing more.
    await SignalBroadcastModel.updateOne({ _id: signalId }, { $set: { completedAt: null } });
    const again = await broadcastSignal(temporal(), { signalId, name: 'crue', variables: {}, publishedBy: 'test' });
    expect(again).toMatchObject({ delivered: 1, started: 1 });
    expect(await InstanceModel.countDocuments({ processKey: 'alerte-crue' })).toBe(before + 1);
  });

  it('reaches waiting instances from a signal throw event of another instance', async () => {
    const waitingId = await startWaiting();
    const before = await InstanceModel.countDocuments({ processKey: 'alerte-crue' });
    const thrower = await platform.request('POST', '/api/v1/processes/emetteur-crue/instances', { token: owner, json: {} });
    expect(thrower.status).toBe(201);
    await eventually(async () => ((await status(thrower.body.instanceId)).status === 'completed' ? true : undefined), 'the throwing instance to complete');
    await eventually(async () => ((await status(waitingId)).status === 'completed' ? true : undefined), 'the waiting instance to complete');
    expect(await InstanceModel.countDocuments({ processKey: 'alerte-crue' })).toBe(before + 1);
  });

  it('starts only the latest version: a version without the signal start event starts nothing', async () => {
    const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: noneStarted('alerte-autre'), contentType: 'application/xml' });
    expect(deployed.status).toBe(201);
    const response = await broadcast({ name: 'autre' });
    expect(response.body).toMatchObject({ delivered: 0, started: 0 });
  });

  it('does not take an event subprocess signal start event for a process start event', async () => {
    const xml = definitions(
      `<bpmn:process id="avec-sous-processus" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:subProcess id="sous" triggeredByEvent="true">
      <bpmn:startEvent id="sous-start" isInterrupting="false"><bpmn:signalEventDefinition id="sd" signalRef="signal-interne" /></bpmn:startEvent>
      <bpmn:endEvent id="sous-end" />
      <bpmn:sequenceFlow id="f2" sourceRef="sous-start" targetRef="sous-end" />
    </bpmn:subProcess>
  </bpmn:process>`,
      ['interne'],
    );
    expect((await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' })).status).toBe(201);
    expect((await broadcast({ name: 'interne' })).body).toMatchObject({ delivered: 0, started: 0 });
  });

  it('lets owners, supervisors and admins broadcast, not agents; checks the body', async () => {
    const agent = await platform.login('agent-a');
    const refused = await broadcast({ name: 'crue' }, agent);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const supervisor = await platform.login('supervisor');
    expect((await broadcast({ name: 'personne' }, supervisor)).status).toBe(200);
    const invalid = await broadcast({ name: '', variables: [1] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'variables']);
  });
});
