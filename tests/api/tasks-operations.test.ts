/**
 * The task operations of the inbox on real instances (Temporal + FerretDB): who may assign or
 * delegate and comment (role × own/other group), the version check (a stale revision gets 409
 * with the current state and changes nothing), and the server-side validation of forms,
 * embedded in the diagram or stored and linked by id.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../../api/auth/passwords';
import { TaskModel, UserModel } from '../../platform/storage';
import { DEMO_PASSWORD, eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { startInboxApi, type InboxApi } from './tasks-support';

const singleTask = readFileSync(path.join(__dirname, '../fixtures/bpmn/single-user-task.bpmn'), 'utf8');

const avisForm = {
  type: 'default',
  id: 'avis',
  components: [
    { type: 'select', key: 'avis', label: 'Avis', values: [{ label: 'Favorable', value: 'favorable' }, { label: 'Défavorable', value: 'defavorable' }], validate: { required: true } },
    { type: 'number', key: 'montant', label: 'Montant accordé', validate: { min: 0, max: 5000 } },
    { type: 'textfield', key: 'reference', label: 'Référence', validate: { required: true, pattern: '^DOS-\\d+$' } },
  ],
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A one-task process whose form is embedded (`zeebe:userTaskForm`) or linked by `formId`. */
function formProcess(key: string, form: { embedded: unknown } | { formId: string }): string {
  const definition = 'embedded' in form ? `<zeebe:formDefinition formKey="camunda-forms:bpmn:form-avis" />` : `<zeebe:formDefinition formId="${form.formId}" />`;
  const embedded = 'embedded' in form ? `<bpmn:extensionElements><zeebe:userTaskForm id="form-avis">${escape(JSON.stringify(form.embedded))}</zeebe:userTaskForm></bpmn:extensionElements>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_${key}">
  <bpmn:process id="${key}" name="Avis" isExecutable="true">
    ${embedded}
    <bpmn:startEvent id="debut" />
    <bpmn:userTask id="donner-avis" name="Donner un avis">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" />${definition}</bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="fin" />
    <bpmn:sequenceFlow id="f1" sourceRef="debut" targetRef="donner-avis" />
    <bpmn:sequenceFlow id="f2" sourceRef="donner-avis" targetRef="fin" />
  </bpmn:process>
</bpmn:definitions>`;
}

type Who = 'admin' | 'owner' | 'supervisor' | 'agent-a' | 'agent-a2' | 'agent-b';

describe('task operations: assignment, comments, version check, forms', () => {
  let platform: TestPlatform;
  let api: InboxApi;
  const tokens = {} as Record<Who, string>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    api = await startInboxApi(platform);
    await UserModel.create({ _id: 'agent-a2', displayName: 'Agent A2', roles: ['agent'], groups: ['group-a'], passwordHash: await hashPassword(DEMO_PASSWORD) });
    for (const who of ['admin', 'owner', 'supervisor', 'agent-a', 'agent-a2', 'agent-b'] as const) tokens[who] = await api.login(who);
    expect((await api.request('POST', '/api/v1/processes', { token: tokens.owner, json: { bpmnXml: singleTask } })).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    await platform.stop();
  });

  const call = (who: Who, method: string, url: string, json?: unknown, headers?: Record<string, string>) =>
    api.request(method, url, { token: tokens[who], ...(json !== undefined ? { json } : {}), ...(headers ? { headers } : {}) });

  async function newTask(processKey = 'tache-simple', variables: Record<string, unknown> = {}): Promise<{ url: string; id: string; instanceId: string }> {
    const started = await call('owner', 'POST', `/api/v1/processes/${processKey}/instances`, { variables });
    expect(started.status).toBe(201);
    const instanceId = started.body.instanceId as string;
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId }).lean()) ?? undefined, 'the task');
    return { url: `/api/v1/tasks/${encodeURIComponent(task._id)}`, id: task._id, instanceId };
  }

  async function claimedTask() {
    const task = await newTask();
    expect((await call('agent-a', 'POST', `${task.url}/claim`)).status).toBe(200);
    return task;
  }

  describe('assign and delegate', () => {
    // A task of group A held by agent-a; agent-a2 is in group A too, agent-b is not.
    const expected: Record<Who, { ownGroup: number; otherGroup: number }> = {
      admin: { ownGroup: 200, otherGroup: 200 },
      supervisor: { ownGroup: 200, otherGroup: 200 },
      owner: { ownGroup: 403, otherGroup: 403 },
      'agent-a': { ownGroup: 200, otherGroup: 403 }, // the assignee delegates, to candidates only
      'agent-a2': { ownGroup: 403, otherGroup: 403 },
      'agent-b': { ownGroup: 403, otherGroup: 403 },
    };

    it.each(Object.keys(expected) as Who[])('%s: to a candidate of the task / to someone of another group', async (who) => {
      for (const [target, status] of [
        ['agent-a2', expected[who].ownGroup],
        ['agent-b', expected[who].otherGroup],
      ] as const) {
        const task = await claimedTask();
        const response = await call(who, 'POST', `${task.url}/assign`, { assignee: target });
        expect([who, target, response.status]).toEqual([who, target, status]);
        const stored = await TaskModel.findById(task.id).lean();
        if (status === 200) {
          const action = who === 'agent-a' ? 'delegated' : 'assigned';
          expect(response.body).toMatchObject({ assignee: target, state: 'assigned', revision: 2 });
          expect(stored!.history.at(-1)).toMatchObject({ action, by: who, assignee: target });
        } else {
          expect(stored).toMatchObject({ assignee: 'agent-a', revision: 1 });
        }
      }
    });

    it('refuses to assign to an unknown user, and lets only the holder delegate an unclaimed task (claim first)', async () => {
      const task = await newTask();
      expect((await call('agent-a', 'POST', `${task.url}/assign`, { assignee: 'agent-a2' })).status).toBe(403);
      const unknown = await call('supervisor', 'POST', `${task.url}/assign`, { assignee: 'nobody' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{ path: 'assignee', message: 'no active user is named "nobody"' }]);
      // The supervisor assigns an unclaimed task; the new assignee can complete it.
      expect((await call('supervisor', 'POST', `${task.url}/assign`, { assignee: 'agent-a2' })).status).toBe(200);
      expect((await call('agent-a', 'POST', `${task.url}/complete`, { variables: {} })).status).toBe(403);
      expect((await call('agent-a2', 'POST', `${task.url}/complete`, { variables: {} })).status).toBe(200);
    });
  });

  describe('comments', () => {
    const expected: Record<Who, number> = { admin: 201, supervisor: 201, owner: 403, 'agent-a': 201, 'agent-a2': 201, 'agent-b': 403 };

    it('lets those who may see the task comment it (role × own/other group), in order, with author and time', async () => {
      const task = await claimedTask();
      for (const who of Object.keys(expected) as Who[]) {
        const response = await call(who, 'POST', `${task.url}/comments`, { text: `Note de ${who}` });
        expect([who, response.status]).toEqual([who, expected[who]]);
      }
      const detail = await call('agent-a', 'GET', task.url);
      expect(detail.body.comments.map((c: { by: string; text: string }) => `${c.by}: ${c.text}`)).toEqual([
        'admin: Note de admin',
        'supervisor: Note de supervisor',
        'agent-a: Note de agent-a',
        'agent-a2: Note de agent-a2',
      ]);
      expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'claimed', 'commented', 'commented', 'commented', 'commented']);
      // A comment changes no revision: the holder's next step is not refused for it.
      expect(detail.body.revision).toBe(1);
      expect((await call('agent-a', 'POST', `${task.url}/comments`, { text: '   ' })).status).toBe(400);
    });
  });

  describe('version check', () => {
    it('refuses a stale claim (If-Match), release, assignment or completion with 409 and the current state, and changes nothing', async () => {
      const task = await newTask();
      expect((await call('agent-a', 'GET', task.url)).headers.get('etag')).toBe('"0"');
      const claimed = await call('agent-a', 'POST', `${task.url}/claim`, undefined, { 'if-match': '"0"' });
      expect(claimed.status).toBe(200);
      expect(claimed.headers.get('etag')).toBe('"1"');
      // agent-a2 saw revision 0 before agent-a claimed; the supervisor too.
      const release = await call('supervisor', 'POST', `${task.url}/unclaim`, { revision: 0 });
      expect(release.status).toBe(409);
      expect(release.body.currentState).toMatchObject({ assignee: 'agent-a', state: 'assigned', revision: 1 });
      expect(release.body.detail).toContain('changed since you loaded it');
      const assign = await call('supervisor', 'POST', `${task.url}/assign`, { assignee: 'agent-b', revision: 0 });
      expect(assign.status).toBe(409);
      const complete = await call('agent-a', 'POST', `${task.url}/complete`, { variables: { avis: 'vieux' } }, { 'if-match': 'W/"0"' });
      expect(complete.status).toBe(409);
      expect(await TaskModel.findById(task.id).lean()).toMatchObject({ assignee: 'agent-a', state: 'assigned', revision: 1, result: null });
      expect((await call('agent-a', 'POST', `${task.url}/complete`, { variables: {} }, { 'if-match': 'abc' })).status).toBe(400);
      // With the current revision, it goes through.
      const done = await call('agent-a', 'POST', `${task.url}/complete`, { variables: { avis: 'ok' }, revision: 1 });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ state: 'completed', revision: 2, result: { avis: 'ok' } });
    });

    it('gives a claim against a delegation exactly one winner', async () => {
      const task = await claimedTask();
      await call('agent-a', 'POST', `${task.url}/unclaim`);
      const [claim, assign] = await Promise.all([call('agent-a2', 'POST', `${task.url}/claim`), call('supervisor', 'POST', `${task.url}/assign`, { assignee: 'agent-b' })]);
      expect([claim.status, assign.status].sort()).toEqual([200, 409]);
      const winner = claim.status === 200 ? 'agent-a2' : 'agent-b';
      expect((await TaskModel.findById(task.id).lean())?.assignee).toBe(winner);
    });
  });

  describe('forms', () => {
    it('validates a completion against the embedded form on the server: 400 listing each field, then accepted', async () => {
      const deployed = await call('owner', 'POST', '/api/v1/processes', { bpmnXml: formProcess('avis-integre', { embedded: avisForm }) });
      expect(deployed.status).toBe(201);
      const task = await newTask('avis-integre', { reference: 'DOS-1' });
      const detail = await call('agent-a', 'GET', task.url);
      expect(detail.body.form).toEqual({ schema: avisForm });
      const refused = await call('agent-a', 'POST', `${task.url}/complete`, { variables: { avis: 'peut-etre', montant: 9000, reference: 'X' } });
      expect(refused.status).toBe(400);
      expect(refused.body.type).toBe('urn:rouage:problem:invalid-form');
      expect(refused.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['avis:option', 'montant:max', 'reference:pattern']);
      expect(refused.body.errors[0].message.fr).toBe('« Avis » : choisissez une des valeurs proposées.');
      expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'created', revision: 0 });
      const accepted = await call('agent-a', 'POST', `${task.url}/complete`, { variables: { avis: 'favorable', montant: 1200, reference: 'DOS-1' } });
      expect(accepted.status).toBe(200);
      const instance = await eventually(async () => {
        const view = await call('owner', 'GET', `/api/v1/instances/${encodeURIComponent(task.instanceId)}`);
        return view.body.status === 'completed' ? view.body : undefined;
      }, 'the instance to complete');
      expect(instance.variables).toMatchObject({ avis: 'favorable', montant: 1200 });
    });

    it('stores forms for process owners, and validates tasks against the form linked by id', async () => {
      expect((await call('agent-a', 'PUT', '/api/v1/forms/avis-lie', avisForm)).status).toBe(403);
      expect((await call('owner', 'PUT', '/api/v1/forms/avis-lie', { components: 'nope' })).status).toBe(400);
      const created = await call('owner', 'PUT', '/api/v1/forms/avis-lie', avisForm);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ formId: 'avis-lie', version: 1, updatedBy: 'owner' });
      expect((await call('agent-a', 'GET', '/api/v1/forms/avis-lie')).body.schema).toEqual(avisForm);
      expect((await call('agent-a', 'GET', '/api/v1/forms/inconnu')).status).toBe(404);

      expect((await call('owner', 'POST', '/api/v1/processes', { bpmnXml: formProcess('avis-lie', { formId: 'avis-lie' }) })).status).toBe(201);
      const task = await newTask('avis-lie');
      // The task keeps the version it opened with, even when the form changes afterwards.
      const stricter = { ...avisForm, components: [...avisForm.components, { type: 'textfield', key: 'motif', label: 'Motif', validate: { required: true } }] };
      expect((await call('admin', 'PUT', '/api/v1/forms/avis-lie', stricter)).body.version).toBe(2);
      const detail = await call('agent-a', 'GET', task.url);
      expect(detail.body.form).toMatchObject({ formId: 'avis-lie', version: 1, schema: avisForm });
      const refused = await call('agent-a', 'POST', `${task.url}/complete`, { variables: { montant: -1 } });
      expect(refused.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['avis:required', 'montant:min', 'reference:required']);
      expect((await call('agent-a', 'POST', `${task.url}/complete`, { variables: { avis: 'defavorable', reference: 'DOS-7' } })).status).toBe(200);
    });
  });
});
