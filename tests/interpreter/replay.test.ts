/**
 * Determinism: the interpreter replays recorded histories without a nondeterminism error.
 * - `histories/<workflow id>.<stage>.history.bin` (protobuf-encoded Temporal histories) were recorded with the interpreter before parallel gateways,
 *   timers, messages and boundary events (a service task, an exclusive gateway, user tasks
 *   and a fork from a task), waiting and completed: instances running when a worker is
 *   upgraded must go on unchanged. A change that breaks them fails here; see the README
 *   (patching) for how to change the interpreter without breaking running instances.
 *   The histories named after fixtures of tests/fixtures/bpmn/interpreter (subprocess-…,
 *   call-parent-…) were recorded with the interpreter of scopes (subprocesses, event
 *   subprocesses, errors, escalations, multi-instance, inclusive gateway, call activities,
 *   incidents) by `RECORD_HISTORIES=1 npx jest tests/interpreter/replay -t "call activities and incidents"`;
 *   those with user tasks were recorded again once the tasks' side work (telling candidates,
 *   the backup close) ran beside the next steps (patch `human-task-side-work-beside-next-steps`):
 *   both kinds of running instances must go on. The `loop-…` histories are runs of
 *   instances that continued as new from every parked shape (patch
 *   `continue-as-new-from-any-parked-shape`): one that took its waits up and froze again, one
 *   that took them up and completed; recorded by
 *   `RECORD_HISTORIES=1 npx jest tests/interpreter/bounded-histories`.
 * - fresh histories of the new elements, replayed right after they run.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { eventually, startInterpreterPlatform, type InterpreterPlatform } from './support';

const historiesDir = path.join(__dirname, 'histories');
const bundle = () => ({ workflowBundle: { codePath: process.env.ROUAGE_TEST_WORKFLOW_BUNDLE! } });

describe('replay', () => {
  const recorded = readdirSync(historiesDir).filter((f) => f.endsWith('.history.bin'));

  it('has recorded histories to replay', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(4);
  });

  it.each(recorded)('replays %s, recorded with an earlier interpreter', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(path.join(historiesDir, file)));
    // The workflow id matters: user task ids are derived from it.
    await expect(Worker.runReplayHistory(bundle(), history, file.split('.')[0])).resolves.toBeUndefined();
  });

  describe('fresh histories of the new elements', () => {
    let p: InterpreterPlatform;

    beforeAll(async () => {
      p = await startInterpreterPlatform();
      for (const name of ['parallel-loop.bpmn', 'event-gateway.bpmn', 'boundary-timer-service-task.bpmn', 'terminate-end.bpmn', 'message-catch.bpmn']) await p.deploy(name);
      for (const name of ['subprocess', 'event-subprocess', 'escalation', 'multi-instance', 'inclusive-gateway', 'call-child', 'call-parent', 'incidents']) {
        await p.deploy(`interpreter/${name}.bpmn`);
      }
    });
    afterAll(async () => {
      await p.stop();
    });

    it('replays instances that forked, joined, waited for timers and messages, were interrupted and terminated', async () => {
      const ids = [
        await p.start('parallel-loop'),
        await p.start('event-gateway', { caseNumber: 'R-1', answerDelay: 'PT1S' }),
        await p.start('boundary-timer-service-task'),
        await p.start('message-catch', { caseNumber: 'R-2' }),
        await p.start('terminate-end', { caseNumber: 'R-3' }),
      ];
      await p.publish({ name: 'signature-recue', correlationKey: 'R-2' });
      await eventually(async () => ((await p.publish({ name: 'desistement', correlationKey: 'R-3', timeToLiveSeconds: 0 })).body.correlated === 1 ? true : undefined), 'the withdrawal');
      await p.waitFor(ids[3]!, (v) => v.activeElements.some((a) => a.elementId === 'wait-document' && a.message), 'the document wait');
      await p.publish({ name: 'piece-recue', correlationKey: 'R-2', variables: { fileName: 'a.pdf' } });
      for (const id of ids) await p.waitForStatus(id, 'completed');

      const histories = await Promise.all(ids.map(async (workflowId) => ({ workflowId, history: await p.platform.temporal.workflow.getHandle(workflowId).fetchHistory() })));
      for (const { workflowId, history } of histories) {
        await expect(Worker.runReplayHistory(bundle(), history, workflowId)).resolves.toBeUndefined();
      }
    });

    it('replays instances that ran subprocesses, event subprocesses, throws, multi-instance, inclusive joins, call activities and incidents', async () => {
      const completeTasksOf = async (instanceId: string, elementId: string, count = 1) => {
        for (let i = 0; i < count; i++) {
          const task = await p.openTask(instanceId, elementId);
          expect((await p.completeTask(task.id, { opinion: `avis ${i}` })).status).toBe(200);
        }
      };
      const ids: string[] = [];
      ids.push(await p.start('subprocess', { amount: 10 }), await p.start('subprocess', { amount: 80 }));
      ids.push(await p.start('call-parent', { amount: 3 }), await p.start('call-parent', { amount: -5 }));
      const reminded = await p.start('event-subprocess', { caseId: 'R-ESP', reminders: 0 });
      await p.openTask(reminded, 'work');
      await eventually(async () => ((await p.publish({ name: 'relance', correlationKey: 'R-ESP' })).body.correlated === 1 ? true : undefined), 'the reminder subscription');
      await p.waitFor(reminded, (v) => v.variables.reminders === 1, 'the reminder counted');
      await completeTasksOf(reminded, 'work');
      ids.push(reminded);
      const escalated = await p.start('escalation');
      await completeTasksOf(escalated, 'inner-task');
      ids.push(escalated);
      const multi = await p.start('multi-instance', { items: [1, 2, 3], reviewers: ['agent-a', 'agent-a'] });
      await completeTasksOf(multi, 'review', 2);
      ids.push(multi);
      const inclusive = await p.start('inclusive-gateway', { legalRisk: true, mediaRisk: true });
      await completeTasksOf(inclusive, 'normal');
      await completeTasksOf(inclusive, 'legal');
      ids.push(inclusive);
      const incident = await p.start('incidents', {});
      const atGateway = await p.incidentAt(incident, 'route');
      await p.resolveIncident(incident, atGateway.incidentId, { path: 'flaky', fixed: true });
      ids.push(incident);
      for (const id of ids) await p.waitForStatus(id, 'completed');

      for (const workflowId of ids) {
        const history = await p.platform.temporal.workflow.getHandle(workflowId).fetchHistory();
        await expect(Worker.runReplayHistory(bundle(), history, workflowId)).resolves.toBeUndefined();
        if (process.env.RECORD_HISTORIES === '1') {
          // Named by workflow id, which replay needs (task and child ids derive from it).
          writeFileSync(path.join(historiesDir, `${workflowId}.completed.history.bin`), temporal.api.history.v1.History.encode(history).finish());
        }
      }
    });
  });
});
