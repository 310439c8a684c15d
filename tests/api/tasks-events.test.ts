/**
 * Live refresh: `GET /api/v1/tasks/events` streams a change of each task the listener may see
 * within seconds (the inbox index hears them; FerretDB has no change streams), and nothing about
 * tasks it may not see.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const xml = readFileSync(path.join(__dirname, '../fixtures/bpmn/single-user-task.bpmn'), 'utf8');

interface Listener {
  events: { state: string; assignee: string | null; id: string; revision: number }[];
  status: number;
  contentType: string | null;
  close(): void;
}

async function listen(baseUrl: string, token: string): Promise<Listener> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/tasks/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const listener: Listener = { events: [], status: response.status, contentType: response.headers.get('content-type'), close: () => controller.abort() };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (frame.includes('event: task') && data) listener.events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted
    }
  })();
  return listener;
}

describe('task events (Server-Sent Events)', () => {
  let platform: TestPlatform;
  const listeners: Listener[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    const owner = await platform.login('owner');
    expect((await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' })).status).toBe(201);
  });
  afterAll(async () => {
    listeners.forEach((listener) => listener.close());
    await platform.stop();
  });

  it('needs a session', async () => {
    expect((await fetch(`${platform.baseUrl}/api/v1/tasks/events`)).status).toBe(401);
  });

  it("streams task changes to those who may see the task, within seconds, and not to the others", async () => {
    const [agentA, agentB, supervisor, owner] = await Promise.all(['agent-a', 'agent-b', 'supervisor', 'owner'].map((who) => platform.login(who)));
    const [forA, forB, forSupervisor] = await Promise.all([agentA, agentB, supervisor].map((token) => listen(platform.baseUrl, token!)));
    listeners.push(forA!, forB!, forSupervisor!);
    expect([forA!.status, forA!.contentType]).toEqual([200, 'text/event-stream; charset=utf-8']);

    const started = await platform.request('POST', '/api/v1/processes/tache-simple/instances', { token: owner, json: {} });
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId: started.body.instanceId }).lean()) ?? undefined, 'the task');
    await eventually(async () => forA!.events.find((e) => e.id === task._id && e.state === 'created'), 'the creation event for agent-a');

    const claimedAt = Date.now();
    expect((await platform.request('POST', `/api/v1/tasks/${encodeURIComponent(task._id)}/claim`, { token: agentA! })).status).toBe(200);
    await eventually(async () => forSupervisor!.events.find((e) => e.id === task._id && e.assignee === 'agent-a'), 'the claim event for the supervisor', 5000);
    expect(Date.now() - claimedAt).toBeLessThan(3000);
    await eventually(async () => forA!.events.find((e) => e.id === task._id && e.assignee === 'agent-a' && e.revision === 1), 'the claim event for agent-a', 5000);
    // Group B's agent hears nothing of group A's task.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(forB!.events.filter((e) => e.id === task._id)).toEqual([]);
    // Each change once.
    expect(forA!.events.filter((e) => e.id === task._id && e.revision === 1)).toHaveLength(1);
  });
});
