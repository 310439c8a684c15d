/**
 * Durability: a real worker process is killed (SIGKILL) while an instance waits on a human
 * task; the agent completes the task while no worker runs; a new worker process replays the
 * instance and finishes it, without running the finished AI step again.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AiContributionModel, TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { kill, startWorkerProcess } from '../support/worker-process';

const projectRoot = path.resolve(__dirname, '../..');
const triageXml = readFileSync(path.join(projectRoot, 'examples/triage-signalement.bpmn'), 'utf8');

describe('worker restart', () => {
  let platform: TestPlatform;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: false });
  });
  afterAll(async () => {
    await Promise.all(workers.map(kill));
    await platform.stop();
  });

  it('finishes an instance after its worker was killed mid-run', async () => {
    const owner = await platform.login('owner');
    const agent = await platform.login('agent-a');
    expect((await platform.request('POST', '/api/v1/processes', { token: owner, body: triageXml, contentType: 'application/xml' })).status).toBe(201);

    workers.push(await startWorkerProcess(platform));
    const started = await platform.request('POST', '/api/v1/processes/triage-signalement/instances', {
      token: owner,
      json: { variables: { description: 'Panneau stop arraché au carrefour, la chaussée est dangereuse' } },
    });
    const { instanceId } = started.body;
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId }).lean()) ?? undefined, 'the task to open');
    expect(task.elementId).toBe('traiter-a');

    await kill(workers[0]!);
    expect(workers[0]!.signalCode).toBe('SIGKILL');

    // The agent completes while no worker runs: the Update waits for the next worker.
    const completion = platform.request('POST', `/api/v1/tasks/${encodeURIComponent(task._id)}/complete`, { token: agent, json: { variables: { resolution: 'panneau reposé' } } });
    workers.push(await startWorkerProcess(platform));
    expect((await completion).status).toBe(200);

    const result = (await platform.temporal.workflow.getHandle(instanceId).result()) as { variables: Record<string, unknown> };
    expect(result.variables).toMatchObject({ resolution: 'panneau reposé', triage: { category: 'voirie' } });
    expect((await platform.temporal.workflow.getHandle(instanceId).describe()).status.name).toBe('COMPLETED');
    // Replay did not run the AI step again.
    expect(await AiContributionModel.countDocuments({ instanceId })).toBe(1);
    expect(await TaskModel.countDocuments({ instanceId })).toBe(1);
  }, 180_000);
});
