/**
 * Incidents through the API: GET /instances/:id shows open incidents and inner scopes;
 * POST /instances/:id/incidents/:incidentId/resolve retries the element, with corrected
 * variables. End to end: an external service task whose worker fails until the data is fixed.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { ServiceTaskRequest } from '../../activities/contracts';
import { TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const flaky = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
  <bpmn:process id="versement" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="payer" name="Verser l'aide">
      <bpmn:extensionElements><zeebe:taskDefinition type="test.payer" retries="1" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="notifier"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="payer" />
    <bpmn:sequenceFlow id="f2" sourceRef="payer" targetRef="notifier" />
    <bpmn:sequenceFlow id="f3" sourceRef="notifier" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const waiting = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
  <bpmn:process id="attente" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="tache"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tache" />
    <bpmn:sequenceFlow id="f2" sourceRef="tache" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('incidents', () => {
  let platform: TestPlatform;
  let owner: string;
  let external: { worker: Worker; running: Promise<void>; connection: NativeConnection };
  const attempts: Record<string, unknown>[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: true });
    owner = await platform.login('owner');
    for (const xml of [flaky, waiting]) {
      expect((await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' })).status).toBe(201);
    }
    // A team's own worker: the payment fails until the IBAN is fixed.
    const connection = await NativeConnection.connect({ address: platform.temporalAddress });
    const worker = await Worker.create({
      connection,
      taskQueue: `${platform.taskQueue}-external`,
      activities: {
        async 'test.payer'(request: ServiceTaskRequest) {
          attempts.push(request.variables);
          if (request.variables.iban !== 'FR7630006000011234567890189') throw ApplicationFailure.nonRetryable(`IBAN refusé : ${String(request.variables.iban)}`);
          return { paid: true };
        },
      },
    });
    external = { worker, running: worker.run(), connection };
  });
  afterAll(async () => {
    external.worker.shutdown();
    await external.running;
    await external.connection.close();
    await platform.stop();
  });

  const view = async (instanceId: string) => (await platform.request('GET', `/api/v1/instances/${instanceId}`, { token: owner })).body;
  const resolve = (instanceId: string, incidentId: string, json?: unknown, token = owner) =>
    platform.request('POST', `/api/v1/instances/${instanceId}/incidents/${encodeURIComponent(incidentId)}/resolve`, { token, ...(json !== undefined ? { json } : {}) });

  it('shows incidents and scopes of a running instance (none here)', async () => {
    const started = await platform.request('POST', '/api/v1/processes/attente/instances', { token: owner, json: {} });
    const current = await eventually(async () => {
      const v = await view(started.body.instanceId);
      return v.activeElements.length > 0 ? v : undefined;
    }, 'the user task');
    expect(current).toMatchObject({ status: 'running', incidents: [], scopes: {} });
  });

  it('refuses unknown instances (404), unknown incidents (409), bad variables (400) and agents (403)', async () => {
    const started = await platform.request('POST', '/api/v1/processes/attente/instances', { token: owner, json: {} });
    const instanceId = started.body.instanceId as string;
    await eventually(async () => ((await view(instanceId)).activeElements.length > 0 ? true : undefined), 'the user task');

    const unknownInstance = await resolve('attente-inconnue', 'incident-1', {});
    expect(unknownInstance.status).toBe(404);
    expect(unknownInstance.headers.get('content-type')).toContain('application/problem+json');
    const unknownIncident = await resolve(instanceId, 'incident-inconnu', {});
    expect(unknownIncident.status).toBe(409);
    expect(unknownIncident.body.detail).toContain('incident-inconnu');
    expect((await resolve(instanceId, 'incident-1', { variables: ['pas', 'un', 'objet'] })).status).toBe(400);
    expect((await resolve(instanceId, 'incident-1', {}, await platform.login('agent-a'))).status).toBe(403);
  });

  it('turns a failing service task into an incident that resolving with corrected variables clears, once', async () => {
    const started = await platform.request('POST', '/api/v1/processes/versement/instances', { token: owner, json: { variables: { iban: 'FR00 faux' } } });
    const instanceId = started.body.instanceId as string;
    const failing = await eventually(async () => {
      const v = await view(instanceId);
      return v.incidents?.length > 0 ? v : undefined;
    }, 'the incident');
    expect(failing.status).toBe('running');
    const incident = failing.incidents[0];
    expect(incident).toMatchObject({ elementId: 'payer', scopeKey: expect.any(String) });
    expect(incident.reason).toContain('IBAN refusé');

    const resolved = await resolve(instanceId, incident.incidentId, { variables: { iban: 'FR7630006000011234567890189' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ instanceId, incidentId: incident.incidentId, resolvedAt: expect.any(String) });

    const paid = await eventually(async () => {
      const v = await view(instanceId);
      return v.activeElements.some((a: { elementId: string }) => a.elementId === 'notifier') ? v : undefined;
    }, 'the token past the service task');
    expect(paid.incidents).toEqual([]);
    expect(paid.variables).toMatchObject({ iban: 'FR7630006000011234567890189', paid: true });
    expect(attempts.at(-1)).toMatchObject({ iban: 'FR7630006000011234567890189' });
    // Resolving it again: the workflow's validator refuses, nothing runs twice.
    const again = await resolve(instanceId, incident.incidentId, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(incident.incidentId);
    const calls = attempts.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(attempts).toHaveLength(calls);

    const task = await eventually(async () => (await TaskModel.findOne({ instanceId, elementId: 'notifier' }).lean()) ?? undefined, 'the task');
    const agent = await platform.login('agent-a');
    expect((await platform.request('POST', `/api/v1/tasks/${encodeURIComponent(task._id)}/complete`, { token: agent, json: { variables: {} } })).status).toBe(200);
    await eventually(async () => ((await view(instanceId)).status === 'completed' ? true : undefined), 'the instance to complete');
  });
});
