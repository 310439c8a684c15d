/**
 * Drafts through the API: saved apart from deployed versions, each save based on a revision;
 * a stale save is refused with 409 and kept as a conflict copy; of concurrent saves on the same
 * revision exactly one wins, on the real FerretDB (whose findAndModify is not atomic).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DraftConflictModel, ProcessVersionModel } from '../../platform/storage';
import { startTestPlatform, type TestPlatform } from '../support/platform';

const triageXml = readFileSync(path.join(__dirname, '../../examples/triage-signalement.bpmn'), 'utf8');
/** The triage diagram as a new process (another id), with one label changed. */
const variant = (processId: string, label: string) =>
  triageXml.replaceAll('triage-signalement', processId).replace('name="Catégorie ?"', `name="${label}"`);

describe('process drafts API', () => {
  let platform: TestPlatform;
  let owner: string;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
    [owner, admin, agent] = await Promise.all([platform.login('owner'), platform.login('admin'), platform.login('agent-a')]);
  });
  afterAll(() => platform.stop());

  const save = (key: string, body: Record<string, unknown>, token = owner) => platform.request('PUT', `/api/v1/processes/${key}/draft`, { token, json: body });
  const read = (key: string, token = owner) => platform.request('GET', `/api/v1/processes/${key}/draft`, { token });

  it('saves a draft of a process never deployed, apart from versions, and lists it in the library as a draft', async () => {
    expect((await read('brouillon-neuf')).status).toBe(404);
    const first = await save('brouillon-neuf', { bpmnXml: variant('brouillon-neuf', 'Première'), baseRevision: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ processKey: 'brouillon-neuf', revision: 1, savedBy: 'owner', basedOnVersion: null });
    const second = await save('brouillon-neuf', { bpmnXml: variant('brouillon-neuf', 'Deuxième'), baseRevision: 1 }, admin);
    expect(second.body).toMatchObject({ revision: 2, savedBy: 'admin' });

    const draft = await read('brouillon-neuf');
    expect(draft.body).toMatchObject({ revision: 2, savedBy: 'admin', conflicts: [] });
    expect(draft.body.bpmnXml).toContain('name="Deuxième"');
    expect(await ProcessVersionModel.countDocuments({ processKey: 'brouillon-neuf' })).toBe(0);

    const library = await platform.request('GET', '/api/v1/processes', { token: owner });
    expect(library.body.items).toContainEqual(
      expect.objectContaining({ processKey: 'brouillon-neuf', state: 'draft', owner: 'owner', latestVersion: null, draft: expect.objectContaining({ revision: 2, savedBy: 'admin' }) }),
    );
  });

  it('refuses a save based on a stale revision with 409, keeping it as a conflict copy', async () => {
    await save('conflit', { bpmnXml: variant('conflit', 'Base'), baseRevision: 0 });
    const theirs = await save('conflit', { bpmnXml: variant('conflit', 'La leur'), baseRevision: 1 }, admin);
    expect(theirs.body.revision).toBe(2);

    const mine = await save('conflit', { bpmnXml: variant('conflit', 'La mienne'), baseRevision: 1 });
    expect(mine.status).toBe(409);
    expect(mine.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(mine.body.detail).toMatch(/revision 2 by admin, not 1/);
    expect(mine.body.currentDraft).toMatchObject({ revision: 2, savedBy: 'admin' });
    expect(mine.body.currentDraft.bpmnXml).toContain('La leur');

    // Both versions are kept: the draft is theirs, the conflict copy mine.
    const draft = await read('conflit');
    expect(draft.body.bpmnXml).toContain('La leur');
    expect(draft.body.conflicts).toEqual([expect.objectContaining({ id: mine.body.conflictId, savedBy: 'owner', baseRevision: 1, currentRevision: 2 })]);
    const copy = await platform.request('GET', `/api/v1/processes/conflit/draft/conflicts/${mine.body.conflictId}`, { token: owner });
    expect(copy.body.bpmnXml).toContain('La mienne');

    // The owner keeps theirs on top of the current revision; the copy is then dropped.
    const kept = await save('conflit', { bpmnXml: variant('conflit', 'La mienne'), baseRevision: 2 });
    expect(kept.body.revision).toBe(3);
    expect((await platform.request('DELETE', `/api/v1/processes/conflit/draft/conflicts/${mine.body.conflictId}`, { token: owner })).status).toBe(204);
    expect(await DraftConflictModel.countDocuments({ processKey: 'conflit' })).toBe(0);
  });

  it('lets exactly one of concurrent saves on the same revision win', async () => {
    await save('course', { bpmnXml: variant('course', 'Départ'), baseRevision: 0 });
    const racers = ['A', 'B', 'C', 'D', 'E', 'F'];
    const results = await Promise.all(racers.map((name, i) => save('course', { bpmnXml: variant('course', `Coureur ${name}`), baseRevision: 1 }, i % 2 ? admin : owner)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = racers[results.findIndex((r) => r.status === 200)]!;
    const draft = await read('course');
    expect(draft.body.revision).toBe(2);
    expect(draft.body.bpmnXml).toContain(`Coureur ${winner}`);
    // Every loser's work is kept.
    const copies = await DraftConflictModel.find({ processKey: 'course' }).lean();
    expect(copies.map((c) => /Coureur (\w)/.exec(c.bpmnXml)![1]).sort()).toEqual(racers.filter((r) => r !== winner));
  });

  it('discards a draft only at the revision it was read at, and revisions never restart', async () => {
    await save('jeter', { bpmnXml: variant('jeter', 'Un'), baseRevision: 0 });
    await save('jeter', { bpmnXml: variant('jeter', 'Deux'), baseRevision: 1 }, admin);
    const stale = await platform.request('DELETE', '/api/v1/processes/jeter/draft?baseRevision=1', { token: owner });
    expect(stale.status).toBe(409);
    expect((await read('jeter')).body.bpmnXml).toContain('Deux');
    const discarded = await platform.request('DELETE', '/api/v1/processes/jeter/draft?baseRevision=2', { token: owner });
    expect(discarded.body).toMatchObject({ revision: 3, bpmnXml: null });
    // A save from before the discard is stale; one from the discarded revision goes on from it.
    expect((await save('jeter', { bpmnXml: variant('jeter', 'Trois'), baseRevision: 0 })).status).toBe(409);
    expect((await save('jeter', { bpmnXml: variant('jeter', 'Trois'), baseRevision: 3 })).body.revision).toBe(4);
  });

  it('refuses a diagram filed under another process key, agents, and malformed saves', async () => {
    const wrongKey = await save('autre-cle', { bpmnXml: variant('pas-la-meme', 'X'), baseRevision: 0 });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body.errors[0].message).toMatch(/pas-la-meme/);
    expect((await save('brouillon-neuf', { bpmnXml: variant('brouillon-neuf', 'X'), baseRevision: 2 }, agent)).status).toBe(403);
    expect((await read('brouillon-neuf', agent)).status).toBe(403);
    const noRevision = await save('brouillon-neuf', { bpmnXml: variant('brouillon-neuf', 'X') });
    expect(noRevision.status).toBe(400);
    expect(noRevision.body.errors[0].path).toBe('baseRevision');
    expect((await save('vide', { bpmnXml: '<pas du bpmn', baseRevision: 0 })).status).toBe(400);
  });
});
