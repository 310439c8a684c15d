/**
 * The walking skeleton, end to end: a diagram deployed through the API runs on the real
 * Temporal server, its AI step classifies the text, the gateway routes the task to one group,
 * an agent of that group completes it, and the instance ends.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AiContributionModel, TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const triageXml = readFileSync(path.join(__dirname, '../../examples/triage-signalement.bpmn'), 'utf8');

describe('walking skeleton: triage of a street report', () => {
  let platform: TestPlatform;
  let owner: string;
  let agentA: string;
  let agentB: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    owner = await platform.login('owner');
    agentA = await platform.login('agent-a');
    agentB = await platform.login('agent-b');
    const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: triageXml, contentType: 'application/xml' });
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ processKey: 'triage-signalement', version: 1 });
  });

  afterAll(async () => {
    await platform.stop();
  });

  async function openTasks(token: string) {
    const response = await platform.request('GET', '/api/v1/tasks?state=open', { token });
    expect(response.status).toBe(200);
    return response.body.items as { id: string; instanceId: string; elementId: string; candidateGroups: string[]; state: string }[];
  }

  async function startReport(description: string): Promise<string> {
    const started = await platform.request('POST', '/api/v1/processes/triage-signalement/instances', {
      token: owner,
      json: { variables: { description }, businessKey: `SIG-${Date.now()}` },
    });
    expect(started.status).toBe(201);
    return started.body.instanceId as string;
  }

  it('routes a street-light report to group A, whose agent completes it and ends the instance', async () => {
    const instanceId = await startReport('Le lampadaire devant chez moi est éteint depuis trois nuits');

    const task = await eventually(async () => (await openTasks(agentA)).find((t) => t.instanceId === instanceId), 'the task in agent-a inbox');
    expect(task).toMatchObject({ elementId: 'traiter-a', candidateGroups: ['group-a'], state: 'created' });
    expect((await openTasks(agentB)).some((t) => t.instanceId === instanceId)).toBe(false);

    // The other group's agent may neither claim nor complete it, and the task is unchanged.
    expect((await platform.request('POST', `/api/v1/tasks/${task.id}/claim`, { token: agentB })).status).toBe(403);
    expect((await platform.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: agentB, json: { variables: {} } })).status).toBe(403);
    expect((await TaskModel.findById(task.id).lean())?.state).toBe('created');

    const claimed = await platform.request('POST', `/api/v1/tasks/${task.id}/claim`, { token: agentA });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ assignee: 'agent-a', state: 'assigned' });

    const running = await platform.request('GET', `/api/v1/instances/${instanceId}`, { token: owner });
    expect(running.body.status).toBe('running');
    expect(running.body.activeElements.map((a: { elementId: string }) => a.elementId)).toEqual(['traiter-a']);
    expect(running.body.variables.triage).toMatchObject({ category: 'eclairage', provenance: { provider: 'local' } });

    const completed = await platform.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: agentA, json: { variables: { resolution: 'ampoule changée' } } });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ state: 'completed', completedBy: 'agent-a' });

    const finished = await eventually(async () => {
      const response = await platform.request('GET', `/api/v1/instances/${instanceId}`, { token: owner });
      return response.body.status === 'completed' ? response.body : undefined;
    }, 'the instance to complete');
    expect(finished.variables).toMatchObject({ description: expect.any(String), resolution: 'ampoule changée', triage: { category: 'eclairage' } });
    expect(finished.activeElements).toEqual([]);

    // Temporal and MongoDB agree.
    const description = await platform.temporal.workflow.getHandle(instanceId).describe();
    expect(description.status.name).toBe('COMPLETED');
    const record = await TaskModel.findById(task.id).lean();
    expect(record).toMatchObject({ state: 'completed', completedBy: 'agent-a', result: { resolution: 'ampoule changée' } });
    const contributions = await AiContributionModel.find({ instanceId }).lean();
    expect(contributions).toHaveLength(1);
    expect(contributions[0]).toMatchObject({ activityType: 'ai.classify', provider: 'local', elementId: 'classer' });

    // A second completion is refused and changes nothing.
    const again = await platform.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: agentA, json: { variables: { resolution: 'autre' } } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await TaskModel.findById(task.id).lean())?.result).toEqual({ resolution: 'ampoule changée' });
  });

  it('routes a litter report to group B, invisible to group A', async () => {
    const instanceId = await startReport('Des sacs poubelle éventrés et des ordures abandonnées sur le trottoir');
    const task = await eventually(async () => (await openTasks(agentB)).find((t) => t.instanceId === instanceId), 'the task in agent-b inbox');
    expect(task.elementId).toBe('traiter-b');
    expect((await openTasks(agentA)).some((t) => t.instanceId === instanceId)).toBe(false);
    const completed = await platform.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: agentB, json: { variables: {} } });
    expect(completed.status).toBe(200);
    await eventually(async () => ((await platform.request('GET', `/api/v1/instances/${instanceId}`, { token: owner })).body.status === 'completed' ? true : undefined), 'completion');
  });

  it('lets exactly one completion win when the same agent sends two at once', async () => {
    const instanceId = await startReport('Trou dans la chaussée rue de la République');
    const task = await eventually(async () => (await openTasks(agentA)).find((t) => t.instanceId === instanceId), 'the task');
    const attempts = await Promise.all(
      [1, 2].map((n) => platform.request('POST', `/api/v1/tasks/${task.id}/complete`, { token: agentA, json: { variables: { attempt: n } } })),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 409]);
    const finished = await eventually(async () => {
      const response = await platform.request('GET', `/api/v1/instances/${instanceId}`, { token: owner });
      return response.body.status === 'completed' ? response.body : undefined;
    }, 'completion');
    const winner = attempts.find((a) => a.status === 200)!.body.result.attempt;
    expect(finished.variables.attempt).toBe(winner);
  });
});
