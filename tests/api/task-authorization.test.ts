/**
 * Who may do what on a task of group A: each role × each operation, own group and other group,
 * and the races (two agents claiming at once, completing a canceled instance's task).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../../api/auth/passwords';
import { TaskModel, UserModel } from '../../platform/storage';
import { DEMO_PASSWORD, eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const xml = readFileSync(path.join(__dirname, '../fixtures/bpmn/single-user-task.bpmn'), 'utf8');
const ROLES = ['admin', 'owner', 'supervisor', 'agent-a', 'agent-b'] as const;
type Who = (typeof ROLES)[number];

describe('task authorisation', () => {
  let platform: TestPlatform;
  const tokens = {} as Record<Who | 'agent-a2', string>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    // A second agent of group A, for the claim race.
    await UserModel.create({ _id: 'agent-a2', displayName: 'Agent A2', roles: ['agent'], groups: ['group-a'], passwordHash: await hashPassword(DEMO_PASSWORD) });
    for (const who of [...ROLES, 'agent-a2'] as const) tokens[who] = await platform.login(who);
    expect((await platform.request('POST', '/api/v1/processes', { token: tokens.owner, body: xml, contentType: 'application/xml' })).status).toBe(201);
  });
  afterAll(() => platform.stop());

  async function newTask(): Promise<{ taskId: string; instanceId: string }> {
    const started = await platform.request('POST', '/api/v1/processes/tache-simple/instances', { token: tokens.owner, json: {} });
    const instanceId = started.body.instanceId as string;
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId }).lean()) ?? undefined, 'the task');
    return { taskId: encodeURIComponent(task._id), instanceId };
  }

  const call = (who: Who | 'agent-a2', method: string, url: string, json?: unknown) => platform.request(method, url, { token: tokens[who], ...(json !== undefined ? { json } : {}) });

  it('shows the task to its group, supervisors and admins only', async () => {
    const { taskId, instanceId } = await newTask();
    const expected: Record<Who, number> = { admin: 200, owner: 403, supervisor: 200, 'agent-a': 200, 'agent-b': 403 };
    for (const who of ROLES) {
      expect([who, (await call(who, 'GET', `/api/v1/tasks/${taskId}`)).status]).toEqual([who, expected[who]]);
      const listed = (await call(who, 'GET', '/api/v1/tasks?state=open')).body.items.some((t: { instanceId: string }) => t.instanceId === instanceId);
      expect([who, listed]).toEqual([who, expected[who] === 200]);
    }
  });

  it('lets only a candidate claim, and only the assignee or a supervisor release', async () => {
    const { taskId } = await newTask();
    for (const who of ['admin', 'owner', 'supervisor', 'agent-b'] as const) {
      expect([who, (await call(who, 'POST', `/api/v1/tasks/${taskId}/claim`)).status]).toEqual([who, 403]);
    }
    expect((await TaskModel.findById(decodeURIComponent(taskId)).lean())?.assignee).toBeNull();
    expect((await call('agent-a', 'POST', `/api/v1/tasks/${taskId}/claim`)).status).toBe(200);
    for (const who of ['owner', 'agent-b', 'agent-a2'] as const) {
      expect([who, (await call(who, 'POST', `/api/v1/tasks/${taskId}/unclaim`)).status]).toEqual([who, 403]);
    }
    expect((await call('supervisor', 'POST', `/api/v1/tasks/${taskId}/unclaim`)).body).toMatchObject({ assignee: null, state: 'created' });
  });

  it('lets only the person doing the work complete it', async () => {
    const { taskId } = await newTask();
    expect((await call('agent-a', 'POST', `/api/v1/tasks/${taskId}/claim`)).status).toBe(200);
    for (const who of ['admin', 'owner', 'supervisor', 'agent-b', 'agent-a2'] as const) {
      expect([who, (await call(who, 'POST', `/api/v1/tasks/${taskId}/complete`, { variables: {} })).status]).toEqual([who, 403]);
    }
    expect((await TaskModel.findById(decodeURIComponent(taskId)).lean())?.state).toBe('assigned');
    expect((await call('agent-a', 'POST', `/api/v1/tasks/${taskId}/complete`, { variables: { avis: 'favorable' } })).status).toBe(200);
  });

  it('gives a claim race exactly one winner; the loser gets 409 with the current state', async () => {
    const { taskId } = await newTask();
    const [first, second] = await Promise.all([call('agent-a', 'POST', `/api/v1/tasks/${taskId}/claim`), call('agent-a2', 'POST', `/api/v1/tasks/${taskId}/claim`)]);
    expect([first!.status, second!.status].sort()).toEqual([200, 409]);
    const loser = first!.status === 409 ? first! : second!;
    const winner = first!.status === 200 ? 'agent-a' : 'agent-a2';
    expect(loser.body.currentState).toMatchObject({ assignee: winner, state: 'assigned' });
    expect((await TaskModel.findById(decodeURIComponent(taskId)).lean())?.assignee).toBe(winner);
  });

  it('answers 409 to a completion after the instance was canceled, and changes nothing', async () => {
    const { taskId, instanceId } = await newTask();
    expect((await call('supervisor', 'POST', `/api/v1/instances/${instanceId}/cancel`)).status).toBe(202);
    const late = await call('agent-a', 'POST', `/api/v1/tasks/${taskId}/complete`, { variables: { avis: 'trop tard' } });
    expect(late.status).toBe(409);
    const record = await TaskModel.findById(decodeURIComponent(taskId)).lean();
    expect(record).toMatchObject({ state: 'canceled', result: null });
  });
});
