/**
 * Reference numbers: a process with the property `referencePattern` gives each instance started
 * without a business key the next number of its process and year, as business key and as the
 * variable `reference`; numbers stay unique and gapless under 50 concurrent starts.
 */
import { formatReference, nextReference } from '../../platform/reference-numbers';
import { InstanceModel, ReferenceNumberModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const numbered = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
  <bpmn:process id="afe" name="Aide financière exceptionnelle" isExecutable="true">
    <bpmn:extensionElements>
      <zeebe:properties><zeebe:property name="referencePattern" value="AFE-{year}-{seq:6}" /></zeebe:properties>
    </bpmn:extensionElements>
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));

describe('reference numbers', () => {
  let platform: TestPlatform;
  let owner: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: true });
    owner = await platform.login('owner');
    expect((await platform.request('POST', '/api/v1/processes', { token: owner, body: numbered, contentType: 'application/xml' })).status).toBe(201);
  });
  afterAll(() => platform.stop());

  const start = (json: Record<string, unknown> = {}) => platform.request('POST', '/api/v1/processes/afe/instances', { token: owner, json });

  it('formats the pattern', () => {
    expect(formatReference('AFE-{year}-{seq:6}', 2026, 123)).toBe('AFE-2026-000123');
    expect(formatReference('{seq}/{year}', 2027, 4)).toBe('4/2027');
    expect(formatReference('X-{seq:3}', 2026, 12345)).toBe('X-12345');
  });

  it('numbers an instance started without a business key, and keeps a given business key', async () => {
    const started = await start({ variables: { montant: 300 } });
    expect(started.status).toBe(201);
    expect(started.body.businessKey).toBe(`AFE-${year}-000001`);
    expect(await InstanceModel.findById(started.body.instanceId).lean()).toMatchObject({ businessKey: `AFE-${year}-000001` });
    const done = await eventually(async () => {
      const view = (await platform.request('GET', `/api/v1/instances/${started.body.instanceId}`, { token: owner })).body;
      return view.status === 'completed' ? view : undefined;
    }, 'the instance to complete');
    expect(done.variables).toEqual({ montant: 300, reference: `AFE-${year}-000001` });

    const given = await start({ businessKey: 'DOSSIER-42' });
    expect(given.body.businessKey).toBe('DOSSIER-42');
    expect(await ReferenceNumberModel.countDocuments({ processKey: 'afe' })).toBe(1);
  });

  it('hands out unique, consecutive numbers to 50 concurrent starts', async () => {
    const before = await ReferenceNumberModel.countDocuments({ processKey: 'afe', year });
    const responses = await Promise.all(Array.from({ length: 50 }, () => start()));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const seqs = responses.map((r) => Number(String(r.body.businessKey).split('-')[2])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
  });

  it('counts per year and per pattern: processes sharing a pattern never hand out the same reference', async () => {
    const nextYear = new Date(Date.UTC(year + 1, 5, 1));
    expect(await nextReference('afe', 'AFE-{year}-{seq:6}', nextYear)).toBe(`AFE-${year + 1}-000001`);
    expect(await nextReference('autre', 'AUT-{seq}')).toBe('AUT-1');
    // Another process with the same pattern (a copy, a redesign under a new key) goes on from there.
    expect(await nextReference('afe-v2', 'AFE-{year}-{seq:6}', nextYear)).toBe(`AFE-${year + 1}-000002`);
  });
});
