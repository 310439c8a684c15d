/**
 * Durability: a real worker process is killed (SIGKILL) while an instance waits on a human
 * task; the agent completes the task while no worker runs; a new worker process replays the
 * instance and finishes it, without running the finished AI step again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AiContributionModel, TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const projectRoot = path.resolve(__dirname, '../..');
const triageXml = readFileSync(path.join(projectRoot, 'examples/triage-signalement.bpmn'), 'utf8');

function startWorkerProcess(platform: TestPlatform): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: platform.temporalAddress,
      MONGODB_URI: platform.mongodbUri,
      ROUAGE_TASK_QUEUE: platform.taskQueue,
      ROUAGE_WORKFLOW_BUNDLE: process.env.ROUAGE_TEST_WORKFLOW_BUNDLE,
      ROUAGE_DATA_KEY: 'ab'.repeat(32),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within 60 s:\n${output}`)), 60_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker: polling')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

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
