/**
 * Message start events (Camunda 8 semantics) and the purge of expired buffered messages:
 * a published message starts an instance of each process whose latest version has a message
 * start event of its name, unless it went to a waiting instance of that process, or an instance
 * that a message with the same correlation key started is still active.
 */
import { PURGE_GRACE_MS } from '../../api/messages/purge-expired';
import { PURGE_BATCH } from '../../platform/storage';
import { InstanceModel, MessageModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const definitions = (body: string, messages: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
${body}
${messages.map((name) => `  <bpmn:message id="message-${name}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=dossier" /></bpmn:extensionElements></bpmn:message>`).join('\n')}
</bpmn:definitions>`;

/** A message start event, then a user task that keeps the instance active. */
const demande = definitions(
  `<bpmn:process id="demande" isExecutable="true">
    <bpmn:startEvent id="start-message"><bpmn:messageEventDefinition id="md" messageRef="message-demande-recue" /></bpmn:startEvent>
    <bpmn:userTask id="instruire" name="Instruire"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start-message" targetRef="instruire" />
    <bpmn:sequenceFlow id="f2" sourceRef="instruire" targetRef="end" />
  </bpmn:process>`,
  ['demande-recue'],
);

/** Another process waiting for the same message name. */
const attenteDemande = definitions(
  `<bpmn:process id="attente-demande" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="attendre"><bpmn:messageEventDefinition id="md" messageRef="message-demande-recue" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="attendre" />
    <bpmn:sequenceFlow id="f2" sourceRef="attendre" targetRef="end" />
  </bpmn:process>`,
  ['demande-recue'],
);

/** One process with both: a none start leading to a catch event, and a message start of the same name. */
const suivi = definitions(
  `<bpmn:process id="suivi" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="attendre"><bpmn:messageEventDefinition id="md" messageRef="message-suivi-recu" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:startEvent id="start-message"><bpmn:messageEventDefinition id="md2" messageRef="message-suivi-recu" /></bpmn:startEvent>
    <bpmn:endEvent id="end-message" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="attendre" />
    <bpmn:sequenceFlow id="f2" sourceRef="attendre" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="start-message" targetRef="end-message" />
  </bpmn:process>`,
  ['suivi-recu'],
);

describe('message start events', () => {
  let platform: TestPlatform;
  let owner: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: true });
    owner = await platform.login('owner');
    for (const xml of [demande, attenteDemande, suivi]) {
      const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' });
      expect([deployed.status, deployed.body.diagnostics?.filter((d: { severity: string }) => d.severity === 'error')]).toEqual([201, []]);
    }
  });
  afterAll(() => platform.stop());

  const publish = (json: Record<string, unknown>) => platform.request('POST', '/api/v1/messages', { token: owner, json });
  const view = async (instanceId: string) => (await platform.request('GET', `/api/v1/instances/${instanceId}`, { token: owner })).body;
  const waitStatus = (instanceId: string, status: string) =>
    eventually(async () => ((await view(instanceId)).status === status ? true : undefined), `instance ${instanceId} ${status}`);

  it('starts an instance at the message start event, with the variables and the correlation key as business key', async () => {
    const response = await publish({ name: 'demande-recue', correlationKey: 'D-1', variables: { dossier: 'D-1', demandeur: 'Mme Martin' } });
    expect(response.status).toBe(202);
    expect(response.body.correlated).toBe(0);
    expect(response.body.startedInstances).toHaveLength(1);
    const instanceId = response.body.startedInstances[0] as string;
    expect(await InstanceModel.findById(instanceId).lean()).toMatchObject({ processKey: 'demande', businessKey: 'D-1' });
    const started = await eventually(async () => {
      const current = await view(instanceId);
      return current.activeElements.some((a: { elementId: string }) => a.elementId === 'instruire') ? current : undefined;
    }, 'the user task');
    expect(started.path[0].elementId).toBe('start-message');
    expect(started.variables).toEqual({ dossier: 'D-1', demandeur: 'Mme Martin' });
    // The instance counts as having received it: its own catch events will not take it again.
    expect((await MessageModel.findById(response.body.messageId).lean())?.correlatedInstances).toEqual([instanceId]);
  });

  it('starts no second instance for a correlation key while the first is active; again once it ended', async () => {
    const first = (await publish({ name: 'demande-recue', correlationKey: 'D-2' })).body.startedInstances as string[];
    expect(first).toHaveLength(1);
    // Not kept (no time to live): it starts nothing, now or later.
    expect((await publish({ name: 'demande-recue', correlationKey: 'D-2', timeToLiveSeconds: 0 })).body.startedInstances).toEqual([]);
    // Another key is another case.
    expect((await publish({ name: 'demande-recue', correlationKey: 'D-3' })).body.startedInstances).toHaveLength(1);

    expect((await platform.request('POST', `/api/v1/instances/${first[0]}/cancel`, { token: owner })).status).toBe(202);
    await waitStatus(first[0]!, 'canceled');
    const after = (await publish({ name: 'demande-recue', correlationKey: 'D-2' })).body.startedInstances as string[];
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first[0]);
  });

  it('starts the next instance from a message that waited in the buffer when the active one ends', async () => {
    const [first] = (await publish({ name: 'demande-recue', correlationKey: 'D-buffer', variables: { rang: 1 } })).body.startedInstances as string[];
    expect(first).toBeDefined();
    const waiting = await publish({ name: 'demande-recue', correlationKey: 'D-buffer', variables: { rang: 2 }, timeToLiveSeconds: 600 });
    expect([waiting.body.startedInstances, waiting.body.buffered]).toEqual([[], true]);

    // The first instance ends: its task is completed.
    const agent = await platform.login('agent-a');
    const task = await eventually(async () => {
      const tasks = (await platform.request('GET', '/api/v1/tasks?limit=200', { token: agent })).body.items as { id: string; instanceId: string }[];
      return tasks.find((t) => t.instanceId === first);
    }, 'the first instance\'s task');
    expect((await platform.request('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, { token: agent, json: { variables: {} } })).status).toBe(200);
    await waitStatus(first!, 'completed');

    // The waiting message starts the next instance, with its own variables and the same business key.
    const next = await eventually(async () => {
      const stored = await MessageModel.findById(waiting.body.messageId).lean();
      return stored?.correlatedInstances[0];
    }, 'the buffered message to start an instance');
    expect(next).not.toBe(first);
    expect(await InstanceModel.findById(next).lean()).toMatchObject({ processKey: 'demande', businessKey: 'D-buffer' });
    const started = await eventually(async () => {
      const current = await view(next);
      return current.activeElements?.some((a: { elementId: string }) => a.elementId === 'instruire') ? current : undefined;
    }, 'the next instance at its task');
    expect(started.variables).toEqual({ rang: 2 });
    // It holds the key now: a third message waits in its turn.
    expect((await publish({ name: 'demande-recue', correlationKey: 'D-buffer', timeToLiveSeconds: 600 })).body.startedInstances).toEqual([]);
  });

  it('starts exactly one instance when the same key is published concurrently', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => publish({ name: 'demande-recue', correlationKey: 'D-concurrent' })));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(202));
    expect(responses.flatMap((r) => r.body.startedInstances)).toHaveLength(1);
    expect(await InstanceModel.countDocuments({ processKey: 'demande', businessKey: 'D-concurrent' })).toBe(1);
  });

  it('goes both to a waiting instance of another process and to the start event', async () => {
    const waiting = await platform.request('POST', '/api/v1/processes/attente-demande/instances', { token: owner, json: { variables: { dossier: 'D-9' } } });
    await eventually(async () => ((await view(waiting.body.instanceId)).activeElements.some((a: { message?: unknown }) => a.message) ? true : undefined), 'the waiting token');
    const response = await publish({ name: 'demande-recue', correlationKey: 'D-9' });
    expect(response.body.correlated).toBe(1);
    expect(response.body.startedInstances).toHaveLength(1);
    await waitStatus(waiting.body.instanceId, 'completed');
  });

  it('does not start an instance of a process when the message went to a waiting instance of it (once per process)', async () => {
    const waiting = await platform.request('POST', '/api/v1/processes/suivi/instances', { token: owner, json: { variables: { dossier: 'S-1' } } });
    await eventually(async () => ((await view(waiting.body.instanceId)).activeElements.some((a: { message?: unknown }) => a.message) ? true : undefined), 'the waiting token');
    const correlated = await publish({ name: 'suivi-recu', correlationKey: 'S-1' });
    expect(correlated.body).toMatchObject({ correlated: 1, startedInstances: [] });
    await waitStatus(waiting.body.instanceId, 'completed');

    const other = await publish({ name: 'suivi-recu', correlationKey: 'S-2' });
    expect(other.body.correlated).toBe(0);
    expect(other.body.startedInstances).toHaveLength(1);
    const started = await waitStatus(other.body.startedInstances[0], 'completed').then(() => view(other.body.startedInstances[0]));
    expect(started.path.map((step: { elementId: string }) => step.elementId)).toEqual(['start-message', 'end-message']);
  });
});

describe('expired buffered messages', () => {
  let platform: TestPlatform;
  let owner: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
    owner = await platform.login('owner');
  });
  afterAll(() => platform.stop());

  const message = (id: string, expiresAt: Date) => ({ _id: id, name: 'vieux', correlationKey: 'k', variables: {}, publishedBy: 'test', publishedAt: new Date(expiresAt.getTime() - 1000), expiresAt });

  it('are purged on publication, a bounded batch at a time, keeping recent and live ones', async () => {
    const now = Date.now();
    const old = Array.from({ length: PURGE_BATCH + 20 }, (_, i) => message(`old-${i}`, new Date(now - PURGE_GRACE_MS - 60_000 - i)));
    await MessageModel.insertMany([...old, message('just-expired', new Date(now - 5_000)), message('alive', new Date(now + 3_600_000))]);

    expect((await platform.request('POST', '/api/v1/messages', { token: owner, json: { name: 'autre', correlationKey: 'x', timeToLiveSeconds: 60 } })).status).toBe(202);
    expect(await MessageModel.countDocuments({ _id: /^old-/ })).toBe(20);
    expect(await MessageModel.countDocuments({ _id: { $in: ['just-expired', 'alive'] } })).toBe(2);

    await platform.request('POST', '/api/v1/messages', { token: owner, json: { name: 'autre', correlationKey: 'y', timeToLiveSeconds: 60 } });
    expect(await MessageModel.countDocuments({ _id: /^old-/ })).toBe(0);
    expect(await MessageModel.countDocuments({ name: 'autre' })).toBe(2);
  });
});
