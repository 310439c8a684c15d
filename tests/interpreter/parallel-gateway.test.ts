/**
 * Parallel gateway on the real Temporal server: a fork runs both branches at once, the join
 * waits for one token per incoming flow of the same wave, and loops and early arrivals never
 * make it fire twice or swallow a token.
 */
import { countIn, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('parallel gateway', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    for (const name of ['parallel-fork-join.bpmn', 'parallel-loop.bpmn', 'parallel-waves.bpmn']) await p.deploy(name);
  });
  afterAll(async () => {
    await p.stop();
  });

  it('forks into both branches, and the join waits for the human branch before going on', async () => {
    const instanceId = await p.start('parallel-fork-join');
    const task = await p.openTask(instanceId, 'review');

    // The service branch has reached the join and waits there; the human branch is still open.
    const waiting = await p.waitFor(instanceId, (v) => v.activeElements.some((a) => a.elementId === 'join'), 'a token waiting at the join');
    expect(waiting.activeElements.map((a) => a.elementId).sort()).toEqual(['join', 'review']);
    expect(waiting.activeElements.find((a) => a.elementId === 'review')?.taskId).toBe(task.id);
    expect(waiting.variables.fileChecked).toBe(true);
    expect(pathIds(waiting)).not.toContain('decide');

    expect((await p.completeTask(task.id, { opinion: 'favorable' })).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    const ids = pathIds(done);
    expect(ids.slice(0, 2)).toEqual(['start', 'fork']);
    expect(countIn(ids, 'join')).toBe(2); // one arrival per branch...
    expect(countIn(ids, 'decide')).toBe(1); // ...and one firing
    expect(ids[ids.length - 1]).toBe('end');
    // Each arrival at the join is recorded with the flow it came by.
    expect(done.path.filter((s) => s.elementId === 'join').map((s) => s.flowId).sort()).toEqual(['check-done', 'review-done']);
    expect(done.variables).toMatchObject({ fileChecked: true, opinion: 'favorable', decisions: 1 });
  });

  it('joins once per round in a loop through the fork', async () => {
    const instanceId = await p.start('parallel-loop');
    const done = await p.waitForStatus(instanceId, 'completed');
    const ids = pathIds(done);
    expect(done.variables).toMatchObject({ a: 3, b: 3, joined: 3 });
    expect(countIn(ids, 'fork')).toBe(3);
    expect(countIn(ids, 'join')).toBe(6);
    expect(countIn(ids, 'count-joined')).toBe(3);
    expect(countIn(ids, 'end')).toBe(1);
  });

  it('keeps a second token on the same flow for the next wave instead of firing twice or dropping it', async () => {
    // Both fast branches reach the join by the same flow before either slow branch arrives:
    // two activations wait, each completed by one human task.
    const instanceId = await p.start('parallel-waves');
    const waiting = await p.waitFor(
      instanceId,
      (v) => v.activeElements.filter((a) => a.elementId === 'join').length === 2,
      'two tokens waiting at the join',
    );
    expect(countIn(pathIds(waiting), 'count-joined')).toBe(0);

    const first = await p.openTask(instanceId, 'slow-1');
    expect((await p.completeTask(first.id)).status).toBe(200);
    const once = await p.waitFor(instanceId, (v) => v.variables.joined === 1, 'the first wave to fire');
    expect(once.status).toBe('running');
    expect(once.activeElements.map((a) => a.elementId).sort()).toEqual(['join', 'slow-2']);

    const second = await p.openTask(instanceId, 'slow-2');
    expect((await p.completeTask(second.id)).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.variables.joined).toBe(2);
    expect(countIn(pathIds(done), 'count-joined')).toBe(2);
    expect(countIn(pathIds(done), 'end')).toBe(2);
  });
});
