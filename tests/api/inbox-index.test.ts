/**
 * The in-memory inbox index against the store it stands for: on seeded random tasks, every tab,
 * filter, sort, page and counter it gives must be what the store query gives; and it must keep
 * up with changes noted by other processes (the change log, read back by `_id`), including
 * after the log was trimmed past it.
 */
import { InboxIndex, inboxIndex } from '../../api/tasks/inbox-index';
import { countTasksInStore, listTasksFromStore, taskListSchema } from '../../api/tasks/task-query';
import type { CurrentUser } from '../../api/auth/current-user';
import { NO_DUE_DATE, TaskModel } from '../../platform/storage';
import { appendTaskChange, changeLogHead, changeSlotId, TaskChangeModel, trimChangeLog } from '../../platform/storage/task-change';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const DAY = 86_400_000;
const GROUPS = ['g0', 'g1', 'g2', 'g3', 'g4'];
const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const STATES = ['created', 'assigned', 'completed', 'canceled'];

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function seededTasks(count: number, seed: number, now: number) {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const state = pick(STATES);
    const assignee = state === 'assigned' || (state !== 'created' && next() < 0.5) ? pick(PEOPLE) : null;
    // Few distinct dates and priorities: ties, which only the tie-breakers order.
    const createdAt = new Date(now - Math.floor(next() * 10) * DAY);
    const dueDate = next() < 0.6 ? new Date(now + (Math.floor(next() * 8) - 2) * DAY) : null;
    return {
      _id: `task-${String(i).padStart(3, '0')}`,
      instanceId: `instance-${i % 40}`,
      processKey: pick(['proc-a', 'proc-b', 'proc-c']),
      processVersion: 1,
      elementId: 'instruire',
      name: `Tâche ${i}`,
      businessKey: null,
      candidateGroups: next() < 0.85 ? [pick(GROUPS), ...(next() < 0.3 ? [pick(GROUPS)] : [])] : [],
      candidateUsers: next() < 0.2 ? [pick(PEOPLE)] : [],
      assignee,
      state,
      priority: pick([20, 50, 50, 80]),
      dueDate,
      dueSort: dueDate ?? NO_DUE_DATE,
      followUpDate: null,
      headers: {},
      variables: {},
      form: null,
      history: [],
      comments: [],
      revision: 0,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

const users: CurrentUser[] = [
  { username: 'p0', displayName: 'P0', roles: ['agent'], groups: ['g0', 'g1'] },
  { username: 'p1', displayName: 'P1', roles: ['agent'], groups: ['g2'] },
  { username: 'p2', displayName: 'P2', roles: ['agent'], groups: [] },
  { username: 'p3', displayName: 'P3', roles: ['agent'], groups: ['g1', 'g3', 'g4'] },
  { username: 'chef', displayName: 'Chef', roles: ['supervisor'], groups: ['g0'] },
];

describe('inbox index', () => {
  let platform: TestPlatform;
  const now = Date.now();

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
    await TaskModel.collection.insertMany(seededTasks(240, 7, now) as never[]);
  });
  afterAll(() => platform.stop());

  const ids = (page: { items: { _id: string }[] }) => page.items.map((task) => task._id);

  it('gives every tab, state, filter and sort the first page the store gives', async () => {
    await inboxIndex.ready();
    const sorts = ['created', 'due', 'priority'];
    const filters = [{}, { processKey: 'proc-b' }, { dueBefore: new Date(now + 2 * DAY).toISOString() }];
    let compared = 0;
    let combination = 0;
    for (const user of users) {
      for (const view of ['all', 'mine', 'groups', 'unassigned']) {
        for (const state of ['open', 'created', 'assigned']) {
          // Each (user, tab, state) with another (sort, filter) pair: all nine pairs come round.
          const query = taskListSchema.parse({ view, state, sort: sorts[combination % 3], limit: '30', ...filters[Math.floor(combination / 3) % 3] });
          combination += 1;
          const fromIndex = inboxIndex.list(user, query);
          const fromStore = await listTasksFromStore(user, query);
          expect([user.username, query, ids(fromIndex)]).toEqual([user.username, query, ids(fromStore)]);
          expect(fromIndex.nextCursor).toBe(fromStore.nextCursor);
          compared += fromIndex.items.length;
        }
      }
    }
    // The comparisons were not of empty pages.
    expect(compared).toBeGreaterThan(400);
  });

  it('pages through every sort as the store does, cursor for cursor', async () => {
    for (const user of [users[0]!, users[4]!]) {
      for (const sort of ['created', 'due', 'priority']) {
        let cursor: string | undefined;
        let pages = 0;
        do {
          const query = taskListSchema.parse({ view: 'all', sort, limit: '11', ...(cursor ? { cursor } : {}) });
          const fromIndex = inboxIndex.list(user, query);
          const fromStore = await listTasksFromStore(user, query);
          expect(ids(fromIndex)).toEqual(ids(fromStore));
          expect(fromIndex.nextCursor).toBe(fromStore.nextCursor);
          cursor = fromIndex.nextCursor ?? undefined;
          pages += 1;
        } while (cursor);
        expect(pages).toBeGreaterThan(2);
      }
    }
  });

  it('counts each tab and the late tasks as the store does', async () => {
    for (const user of users) {
      for (const filters of [{}, { processKey: 'proc-a' }]) {
        expect([user.username, inboxIndex.count(user, filters, new Date(now))]).toEqual([user.username, await countTasksInStore(user, filters, new Date(now))]);
      }
    }
  });

  it('follows changes that other processes note in the log', async () => {
    const [fresh] = seededTasks(1, 99, now).map((task) => ({ ...task, _id: 'from-elsewhere', state: 'created', assignee: null, candidateGroups: ['g1'], candidateUsers: [] }));
    const p3 = users[3]!;
    const inList = () => ids(inboxIndex.list(p3, taskListSchema.parse({ view: 'unassigned', limit: '200' }))).includes('from-elsewhere');
    // Written and noted as another process does it: no local listener hears it.
    await TaskModel.collection.insertOne(fresh as never);
    expect(inList()).toBe(false);
    await appendTaskChange('from-elsewhere');
    await eventually(async () => (inList() ? true : undefined), 'the task noted by another process', 5000);
    await TaskModel.collection.updateOne({ _id: 'from-elsewhere' } as never, { $set: { state: 'canceled', updatedAt: new Date() } });
    await appendTaskChange('from-elsewhere');
    await eventually(async () => (!inList() ? true : undefined), 'the task closed by another process', 5000);
  });

  it('reloads from the store when the log was trimmed past it', async () => {
    const slow = new InboxIndex({ followMs: 3_600_000, floorCheckMs: 0 });
    try {
      await slow.ready();
      const p1 = users[1]!;
      const has = () => ids(slow.list(p1, taskListSchema.parse({ view: 'groups', limit: '200' }))).includes('missed');
      const [missed] = seededTasks(1, 5, now).map((task) => ({ ...task, _id: 'missed', state: 'created', assignee: null, candidateGroups: ['g2'] }));
      await TaskModel.collection.insertOne(missed as never);
      for (let i = 0; i < 3; i++) await appendTaskChange('missed');
      // Trimmed before this reader read them: the slots it waits for are gone.
      const head = await changeLogHead();
      await trimChangeLog(head, 1);
      expect(await TaskChangeModel.exists({ _id: changeSlotId(head - 1) })).toBeNull();
      expect(has()).toBe(false);
      await slow.catchUp();
      expect(has()).toBe(true);
      // And it follows on from the head.
      await TaskModel.collection.updateOne({ _id: 'missed' } as never, { $set: { state: 'completed', updatedAt: new Date() } });
      await appendTaskChange('missed');
      await slow.catchUp();
      expect(has()).toBe(false);
    } finally {
      slow.stop();
    }
  });

  it('keeps the log gapless when writers race for the same slots', async () => {
    const before = await changeLogHead();
    const slots = await Promise.all(Array.from({ length: 40 }, (_, i) => appendTaskChange(`race-${i}`)));
    expect(new Set(slots).size).toBe(40);
    expect(Math.min(...slots)).toBe(before + 1);
    expect(Math.max(...slots)).toBe(before + 40);
    expect(await changeLogHead()).toBe(before + 40);
  });
});
