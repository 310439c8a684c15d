/**
 * The inbox query through the API: tabs (mine, my groups, unassigned, all), filters (process,
 * due before, state), sorts (creation, due date, priority) with cursor pagination, the tabs'
 * counters and the SLA state, on task records seeded with known dates and priorities.
 */
import { hashPassword } from '../../api/auth/passwords';
import { NO_DUE_DATE, TaskModel, UserModel } from '../../platform/storage';
import { DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('inbox query: tabs, filters, sorts, pages, counters', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  const now = Date.now();
  const base = now - HOUR;

  function task(id: string, fields: { processKey: string; groups?: string[]; users?: string[]; assignee?: string; createdMin: number; due?: number; priority?: number; state?: string }) {
    const dueDate = fields.due === undefined ? null : new Date(now + fields.due);
    const createdAt = new Date(base + fields.createdMin * 60_000);
    return {
      _id: id,
      instanceId: `inst-${id}`,
      processKey: fields.processKey,
      processVersion: 1,
      elementId: 'instruire',
      name: `Tâche ${id}`,
      businessKey: `BK-${id}`,
      candidateGroups: fields.groups ?? [],
      candidateUsers: fields.users ?? [],
      assignee: fields.assignee ?? null,
      state: fields.state ?? (fields.assignee ? 'assigned' : 'created'),
      priority: fields.priority ?? 50,
      dueDate,
      dueSort: dueDate ?? NO_DUE_DATE,
      followUpDate: null,
      headers: {},
      variables: { secret: 'not in lists' },
      form: null,
      history: [],
      comments: [],
      revision: 0,
      createdAt,
      updatedAt: createdAt,
    };
  }

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
    await UserModel.create({ _id: 'agent-c', displayName: 'Agent C', roles: ['agent'], groups: ['group-a', 'group-c'], passwordHash: await hashPassword(DEMO_PASSWORD) });
    for (const who of ['agent-a', 'agent-b', 'agent-c', 'supervisor', 'owner']) tokens[who] = await platform.login(who);
    await TaskModel.collection.insertMany([
      task('t1', { processKey: 'proc-x', groups: ['group-a'], createdMin: 1, due: 10 * DAY }),
      task('t2', { processKey: 'proc-x', groups: ['group-a'], assignee: 'agent-a', createdMin: 2, due: 2 * DAY, priority: 80 }),
      task('t3', { processKey: 'proc-y', groups: ['group-a', 'group-b'], createdMin: 3, priority: 20 }),
      task('t4', { processKey: 'proc-y', groups: ['group-b'], createdMin: 4, due: 20 * HOUR, priority: 90 }),
      task('t5', { processKey: 'proc-x', users: ['agent-a'], createdMin: 5, due: -HOUR }),
      task('t6', { processKey: 'proc-x', groups: ['group-a'], assignee: 'agent-a', createdMin: 6, state: 'completed' }),
      task('t7', { processKey: 'proc-y', groups: ['group-c'], assignee: 'agent-b', createdMin: 7, due: 3 * DAY }),
    ] as never[]);
  });
  afterAll(() => platform.stop());

  async function ids(who: string, query: string): Promise<string[]> {
    const response = await platform.request('GET', `/api/v1/tasks?${query}`, { token: tokens[who] });
    expect([query, response.status]).toEqual([query, 200]);
    return response.body.items.map((item: { id: string }) => item.id);
  }

  /** Every page of a query, `limit` items at a time, following nextCursor. */
  async function allPages(who: string, query: string, limit: number): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const response: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await platform.request(
        'GET',
        `/api/v1/tasks?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        { token: tokens[who] },
      );
      expect(response.status).toBe(200);
      pages.push(response.body.items.map((item) => item.id));
      cursor = response.body.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it('gives each tab the tasks of the caller', async () => {
    expect(await ids('agent-a', 'view=all')).toEqual(['t5', 't3', 't2', 't1']);
    expect(await ids('agent-a', 'view=mine')).toEqual(['t2']);
    expect(await ids('agent-a', 'view=groups')).toEqual(['t5', 't3', 't2', 't1']);
    expect(await ids('agent-a', 'view=unassigned')).toEqual(['t5', 't3', 't1']);
    expect(await ids('agent-c', 'view=groups')).toEqual(['t7', 't3', 't2', 't1']);
    expect(await ids('agent-c', 'view=unassigned')).toEqual(['t3', 't1']);
    expect(await ids('agent-b', 'view=mine')).toEqual(['t7']);
    // Supervisors see every open task, and every unassigned one; they have no groups.
    expect(await ids('supervisor', 'view=all')).toEqual(['t7', 't5', 't4', 't3', 't2', 't1']);
    expect(await ids('supervisor', 'view=unassigned')).toEqual(['t5', 't4', 't3', 't1']);
    expect(await ids('supervisor', 'view=groups')).toEqual([]);
    expect(await ids('owner', 'view=all')).toEqual([]);
  });

  it('filters by process, due date and state', async () => {
    expect(await ids('agent-a', 'processKey=proc-y')).toEqual(['t3']);
    expect(await ids('agent-a', `dueBefore=${encodeURIComponent(new Date(now + 3 * DAY).toISOString())}`)).toEqual(['t5', 't2']);
    expect(await ids('agent-a', 'state=completed')).toEqual(['t6']);
    expect(await ids('agent-a', 'state=all')).toEqual(['t6', 't5', 't3', 't2', 't1']);
    expect(await ids('agent-a', 'state=assigned&view=groups')).toEqual(['t2']);
  });

  it('sorts by creation, due date (none last) and priority, and pages through every sort without gap or repeat', async () => {
    expect(await ids('agent-a', 'sort=created')).toEqual(['t5', 't3', 't2', 't1']);
    expect(await ids('agent-a', 'sort=due')).toEqual(['t5', 't2', 't1', 't3']);
    expect(await ids('agent-a', 'sort=priority')).toEqual(['t2', 't1', 't5', 't3']);
    expect(await allPages('agent-a', 'sort=created', 3)).toEqual([['t5', 't3', 't2'], ['t1']]);
    expect(await allPages('agent-a', 'sort=due', 1)).toEqual([['t5'], ['t2'], ['t1'], ['t3']]);
    expect(await allPages('agent-a', 'sort=priority', 2)).toEqual([['t2', 't1'], ['t5', 't3']]);
    expect(await allPages('supervisor', 'sort=priority&view=all', 4)).toEqual([['t4', 't2', 't1', 't5'], ['t7', 't3']]);
  });

  it('refuses a cursor it did not make', async () => {
    const response = await platform.request('GET', '/api/v1/tasks?cursor=bm9wZQ', { token: tokens['agent-a'] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    const wrongSort = (await platform.request('GET', '/api/v1/tasks?sort=created&limit=1', { token: tokens['agent-a'] })).body.nextCursor;
    expect((await platform.request('GET', `/api/v1/tasks?sort=priority&cursor=${wrongSort}`, { token: tokens['agent-a'] })).status).toBe(400);
  });

  it('counts each tab for the caller, and the late tasks', async () => {
    expect((await platform.request('GET', '/api/v1/tasks/counts', { token: tokens['agent-a'] })).body).toEqual({ all: 4, mine: 1, groups: 4, unassigned: 3, late: 1 });
    expect((await platform.request('GET', '/api/v1/tasks/counts', { token: tokens.supervisor })).body).toEqual({ all: 6, mine: 0, groups: 0, unassigned: 4, late: 1 });
    expect((await platform.request('GET', '/api/v1/tasks/counts?processKey=proc-y', { token: tokens['agent-a'] })).body).toEqual({ all: 1, mine: 0, groups: 1, unassigned: 1, late: 0 });
  });

  it('gives each task its SLA state and keeps case data out of lists', async () => {
    const response = await platform.request('GET', '/api/v1/tasks?view=all&sort=due', { token: tokens.supervisor });
    const sla = Object.fromEntries(response.body.items.map((item: { id: string; sla: string | null }) => [item.id, item.sla]));
    // t4: due in 20 h (less than a day left) → at risk; t5: due an hour ago → late; t3: no due date.
    expect(sla).toEqual({ t1: 'onTime', t2: 'onTime', t3: null, t4: 'atRisk', t5: 'late', t7: 'onTime' });
    expect(response.body.items[0]).toMatchObject({ id: 't5', priority: 50, revision: 0, dueDate: expect.any(String) });
    expect(response.body.items[0].variables).toBeUndefined();
    const detail = await platform.request('GET', '/api/v1/tasks/t5', { token: tokens['agent-a'] });
    expect(detail.body).toMatchObject({ id: 't5', sla: 'late', variables: { secret: 'not in lists' } });
    expect(detail.headers.get('etag')).toBe('"0"');
  });
});
