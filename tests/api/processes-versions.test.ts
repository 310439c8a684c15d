/**
 * Versions with their deploy message, the version history and the library, both paged (the
 * library from one record per process, not from every version), and the diff between two
 * deployed versions as the modeler's diff view computes it from the API's XML.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { diffDefinitions } from '../../modeler-ui/src/modeler/version-diff';
import { ProcessVersionModel } from '../../platform/storage';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const triageXml = readFileSync(path.join(__dirname, '../../examples/triage-signalement.bpmn'), 'utf8');
const renamed = (processId: string) => triageXml.replaceAll('triage-signalement', processId);

describe('process versions, history, library and diff', () => {
  let platform: TestPlatform;
  let owner: string;
  let supervisor: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
    [owner, supervisor] = await Promise.all([platform.login('owner'), platform.login('supervisor')]);
  });
  afterAll(() => platform.stop());

  const deployJson = (bpmnXml: string, message?: string) => platform.request('POST', '/api/v1/processes', { token: owner, json: { bpmnXml, message } });

  // First: the backfill runs once per API process, at the first listing.
  it('lists a process deployed before the library had its records, from its latest version', async () => {
    const deployedAt = new Date('2026-01-02T03:04:05Z');
    const base = { name: 'Ancien', xmlHash: 'h', bpmnXml: '<x/>', graph: {}, deployedBy: 'admin', deployedAt };
    await ProcessVersionModel.create([{ ...base, processKey: 'ancien', version: 1, xmlHash: 'h1' }, { ...base, processKey: 'ancien', version: 2, xmlHash: 'h2' }]);
    const list = await platform.request('GET', '/api/v1/processes?limit=200', { token: supervisor });
    expect(list.body.items).toContainEqual(expect.objectContaining({ processKey: 'ancien', latestVersion: 2, deployedBy: 'admin', state: 'deployed' }));
  });

  it('stores the deploy message on the version and lists the history newest first, paged', async () => {
    expect((await deployJson(triageXml, 'Première mise en service')).status).toBe(201);
    const v2 = triageXml.replace('name="Traiter (voirie, éclairage)"', 'name="Traiter la voirie"');
    expect((await deployJson(v2, '  Libellé plus court pour les agents  ')).body.version).toBe(2);
    // Raw XML: the message comes in the query.
    const v3 = v2.replace('candidateGroups="group-b"', 'candidateGroups="group-a"');
    const raw = await platform.request('POST', `/api/v1/processes?message=${encodeURIComponent('Tout au groupe A')}`, { token: owner, body: v3, contentType: 'application/xml' });
    expect(raw.body.version).toBe(3);
    // Without a message (the CLI's deploy): an empty one.
    expect((await deployJson(v3.replace('name="Traité"', 'name="Fini"'))).body.version).toBe(4);
    const tooLong = await deployJson(v3, 'x'.repeat(2001));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].path).toBe('message');

    const history = await platform.request('GET', '/api/v1/processes/triage-signalement?limit=2', { token: supervisor });
    expect(history.body).toMatchObject({ processKey: 'triage-signalement', owner: 'owner', state: 'deployed', latestVersion: 4, nextCursor: 3 });
    expect(history.body.versions.map((v: { version: number; message: string }) => [v.version, v.message])).toEqual([[4, ''], [3, 'Tout au groupe A']]);
    expect(history.body.versions[0]).toMatchObject({ deployedBy: 'owner', deployedAt: expect.any(String) });
    const older = await platform.request('GET', '/api/v1/processes/triage-signalement?limit=2&cursor=3', { token: supervisor });
    expect(older.body.versions.map((v: { version: number; message: string }) => [v.version, v.message])).toEqual([[2, 'Libellé plus court pour les agents'], [1, 'Première mise en service']]);
    expect(older.body.nextCursor).toBeNull();
    const one = await platform.request('GET', '/api/v1/processes/triage-signalement/versions/2', { token: supervisor });
    expect(one.body).toMatchObject({ version: 2, message: 'Libellé plus court pour les agents', deployedBy: 'owner' });
  });

  it('pages the library by process key, one item per process with its latest version', async () => {
    for (const key of ['page-a', 'page-b', 'page-c', 'page-d']) expect((await deployJson(renamed(key), `Création de ${key}`)).status).toBe(201);
    expect((await deployJson(renamed('page-b').replace('name="Traité"', 'name="Fini"'))).body.version).toBe(2);

    const seen: { processKey: string; latestVersion: number; state: string; owner: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page = await platform.request('GET', `/api/v1/processes${query}`, { token: supervisor });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((p) => p.processKey)).toEqual(['ancien', 'page-a', 'page-b', 'page-c', 'page-d', 'triage-signalement']);
    expect(seen.find((p) => p.processKey === 'page-b')).toMatchObject({ latestVersion: 2, state: 'deployed', owner: 'owner' });
    expect(seen.find((p) => p.processKey === 'triage-signalement')).toMatchObject({ latestVersion: 4 });
    expect((await platform.request('GET', '/api/v1/processes?limit=0', { token: supervisor })).status).toBe(400);
  });

  it('gives what the diff view needs: the two versions whose changes are named element by element', async () => {
    const moddle = new BpmnModdle({ zeebe: zeebeSchema });
    const read = async (version: number) => {
      const found = await platform.request('GET', `/api/v1/processes/triage-signalement/versions/${version}`, { token: supervisor });
      return (await moddle.fromXML(found.body.bpmnXml as string, 'bpmn:Definitions')).rootElement as object;
    };
    const [v1, v3] = await Promise.all([read(1), read(3)]);
    const changes = diffDefinitions(v1, v3);
    expect(changes).toEqual([
      { id: 'traiter-a', kind: 'changed', type: 'UserTask', name: 'Traiter la voirie', properties: [{ path: 'name', before: 'Traiter (voirie, éclairage)', after: 'Traiter la voirie' }] },
      {
        id: 'traiter-b', kind: 'changed', type: 'UserTask', name: 'Traiter (propreté, espaces verts, autre)',
        properties: [{ path: 'extensionElements.values[0].candidateGroups', before: 'group-b', after: 'group-a' }],
      },
    ]);

    // An added task (with its flows) and a removed end event.
    const added = (await moddle.fromXML(
      triageXml
        .replace('<bpmn:endEvent id="traite-b" name="Traité">\n      <bpmn:incoming>flow-end-b</bpmn:incoming>\n    </bpmn:endEvent>', '<bpmn:task id="archiver" name="Archiver" />')
        .replace('targetRef="traite-b"', 'targetRef="archiver"')
        .replace('bpmnElement="traite-b"', 'bpmnElement="archiver"'),
      'bpmn:Definitions',
    )).rootElement as object;
    const kinds = diffDefinitions(v1, added).map((c) => [c.kind, c.id]);
    expect(kinds).toEqual(expect.arrayContaining([['added', 'archiver'], ['removed', 'traite-b']]));
    expect(diffDefinitions(v1, added).find((c) => c.id === 'flow-end-b')?.properties).toEqual([{ path: 'targetRef', before: 'traite-b', after: 'archiver' }]);
  });
});
