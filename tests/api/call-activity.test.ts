/**
 * Call activities, platform side: `resolveCalledProcess` reads the called process's latest (or
 * pinned) deployed version from MongoDB and fails for good, naming the fix, when there is none;
 * end to end, a parent instance runs the child and gets its variables back.
 */
import { ApplicationFailure } from '@temporalio/common';
import { CALLED_PROCESS_NOT_DEPLOYED, resolveCalledProcess } from '../../activities/called-process';
import type { InstanceRef } from '../../activities/contracts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const child = (setTo: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
  <bpmn:process id="verifier-piece" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:scriptTask id="verifier"><bpmn:extensionElements><zeebe:script expression="=&quot;${setTo}&quot;" resultVariable="verdict" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="verifier" />
    <bpmn:sequenceFlow id="f2" sourceRef="verifier" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const parent = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
  <bpmn:process id="instruction" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="appel"><bpmn:extensionElements><zeebe:calledElement processId="verifier-piece" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="appel" />
    <bpmn:sequenceFlow id="f2" sourceRef="appel" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const instance: InstanceRef = { instanceId: 'parent-1', processKey: 'instruction', processVersion: 1, elementId: 'appel', dataClassification: 'internal' };

describe('call activities', () => {
  let platform: TestPlatform;
  let owner: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: true });
    owner = await platform.login('owner');
  });
  afterAll(() => platform.stop());

  const deploy = async (xml: string) => {
    const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' });
    expect([deployed.status, deployed.body.diagnostics?.filter((d: { severity: string }) => d.severity === 'error')]).toEqual([201, []]);
  };

  it('fails for good, naming the process and the fix, when the called process is not deployed', async () => {
    const failure = await resolveCalledProcess({ processKey: 'verifier-piece', binding: { type: 'latest' }, instance }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, type: CALLED_PROCESS_NOT_DEPLOYED });
    expect((failure as Error).message).toContain('"verifier-piece"');
    expect((failure as Error).message).toContain('deploy it');
    expect((failure as Error).message).toContain('déployez-le');
  });

  it('gives the latest version, or the pinned one', async () => {
    await deploy(child('conforme'));
    await deploy(child('incomplet'));
    const latest = await resolveCalledProcess({ processKey: 'verifier-piece', binding: { type: 'latest' }, instance });
    expect(latest.processVersion).toBe(2);
    expect(JSON.stringify(latest.graph)).toContain('incomplet');
    const pinned = await resolveCalledProcess({ processKey: 'verifier-piece', binding: { type: 'version', version: 1 }, instance });
    expect(pinned.processVersion).toBe(1);
    expect(JSON.stringify(pinned.graph)).toContain('conforme');
    const missing = await resolveCalledProcess({ processKey: 'verifier-piece', binding: { type: 'version', version: 9 }, instance }).catch((error: unknown) => error);
    expect((missing as Error).message).toContain('version 9 of process "verifier-piece"');
  });

  it('runs the latest version of the called process as a child and takes its variables back', async () => {
    await deploy(parent);
    const started = await platform.request('POST', '/api/v1/processes/instruction/instances', { token: owner, json: { variables: { dossier: 'D-1' } } });
    expect(started.status).toBe(201);
    const done = await eventually(async () => {
      const view = (await platform.request('GET', `/api/v1/instances/${started.body.instanceId}`, { token: owner })).body;
      if (view.status === 'failed') throw new Error(`the parent failed: ${view.failure}`);
      return view.status === 'completed' ? view : undefined;
    }, 'the parent to complete');
    expect(done.variables).toMatchObject({ dossier: 'D-1', verdict: 'incomplet' });
  });
});
