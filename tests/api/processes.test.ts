/** Deploying and reading processes through the API, and how bad input is refused. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProcessVersionModel } from '../../platform/storage';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/bpmn', name), 'utf8');
const triageXml = readFileSync(path.join(__dirname, '../../examples/triage-signalement.bpmn'), 'utf8');

describe('processes API', () => {
  let platform: TestPlatform;
  let owner: string;
  let agent: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
    owner = await platform.login('owner');
    agent = await platform.login('agent-a');
  });
  afterAll(() => platform.stop());

  const deployXml = (xml: string, token = owner) => platform.request('POST', '/api/v1/processes', { token, body: xml, contentType: 'application/xml' });

  it('refuses anonymous callers with 401 and agents with 403, storing nothing', async () => {
    const anonymous = await platform.request('POST', '/api/v1/processes', { body: triageXml, contentType: 'application/xml' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const forbidden = await deployXml(triageXml, agent);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.detail).toMatch(/owner/);
    expect(await ProcessVersionModel.countDocuments()).toBe(0);
  });

  it.each([
    ['malformed XML', 'malformed.bpmn', 'malformed', { ruleId: 'xml-well-formed', line: 5 }],
    ['an unknown element', 'invalid-unsupported-element.bpmn', 'unsupported-element', { ruleId: 'unsupported-element', elementId: 'complex-choice' }],
    ['a condition that is not FEEL', 'invalid-feel-condition.bpmn', 'invalid-feel', { ruleId: 'feel-syntax', elementId: 'large-amount' }],
  ])('answers 422 with diagnostics for %s and stores nothing', async (_what, file, processKey, expected) => {
    const response = await deployXml(fixture(file));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 422, type: 'urn:rouage:problem:invalid-diagram' });
    expect(response.body.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'error', ...expected })]));
    expect((await platform.request('GET', `/api/v1/processes/${processKey}`, { token: owner })).status).toBe(404);
    expect(await ProcessVersionModel.countDocuments({ processKey })).toBe(0);
  });

  it('versions deployments: identical XML keeps its version, changed XML gets the next one', async () => {
    const first = await deployXml(triageXml);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ processKey: 'triage-signalement', version: 1, created: true, diagnostics: [] });

    const same = await platform.request('POST', '/api/v1/processes', { token: owner, json: { bpmnXml: triageXml } });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ version: 1, created: false });

    const changed = await deployXml(triageXml.replace('name="Catégorie ?"', 'name="Quelle catégorie ?"'));
    expect(changed.status).toBe(201);
    expect(changed.body.version).toBe(2);

    const list = await platform.request('GET', '/api/v1/processes', { token: agent });
    expect(list.body.items).toEqual([expect.objectContaining({ processKey: 'triage-signalement', latestVersion: 2, deployedBy: 'owner' })]);
    const detail = await platform.request('GET', '/api/v1/processes/triage-signalement', { token: owner });
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await platform.request('GET', '/api/v1/processes/triage-signalement/versions/1', { token: owner });
    expect(v1.body.bpmnXml).toBe(triageXml);
  });

  it('gives two concurrent deploys of different XML two different versions', async () => {
    const variants = ['A', 'B'].map((suffix) => triageXml.replace('name="Catégorie ?"', `name="Catégorie ${suffix} ?"`));
    const [a, b] = await Promise.all(variants.map((xml) => deployXml(xml)));
    expect([a!.status, b!.status]).toEqual([201, 201]);
    expect(a!.body.version).not.toBe(b!.body.version);
  });

  it('answers 400 for malformed JSON, 415 for other media types, 413 for oversize bodies', async () => {
    const malformed = await platform.request('POST', '/api/v1/processes', { token: owner, body: '{"bpmnXml": ', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('urn:rouage:problem:malformed-json');
    const missing = await platform.request('POST', '/api/v1/processes', { token: owner, json: { xml: triageXml } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('bpmnXml');
    const text = await platform.request('POST', '/api/v1/processes', { token: owner, body: triageXml, contentType: 'text/plain' });
    expect(text.status).toBe(415);
    const huge = await platform.request('POST', '/api/v1/processes', { token: owner, body: `<x>${'a'.repeat(6 * 1024 * 1024)}</x>`, contentType: 'application/xml' });
    expect(huge.status).toBe(413);
  });

  it('answers 404 problems for unknown processes, versions, instances, tasks and endpoints', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/processes/nope'],
      ['GET', '/api/v1/processes/triage-signalement/versions/99'],
      ['POST', '/api/v1/processes/nope/instances'],
      ['GET', '/api/v1/instances/nope-123'],
      ['POST', '/api/v1/tasks/nope/claim'],
      ['GET', '/api/v1/no-such-thing'],
    ] as const) {
      const response = await platform.request(method, url, { token: owner, ...(method === 'POST' ? { json: {} } : {}) });
      expect([url, response.status]).toEqual([url, 404]);
      expect(response.body.detail).toEqual(expect.any(String));
    }
  });

  it('validates instance start requests', async () => {
    const response = await platform.request('POST', '/api/v1/processes/triage-signalement/instances', { token: owner, json: { variables: 'not an object' } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('variables');
  });
});
