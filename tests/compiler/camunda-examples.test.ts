/**
 * Real Camunda 8 models (tests/fixtures/bpmn/camunda/README.md says where each comes from):
 * what the compiler makes of them, unchanged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile } from '../../compiler';

const catalog = compilerCatalog();
const camunda = (name: string) => compile(readFileSync(path.join(__dirname, '../fixtures/bpmn/camunda', name), 'utf8'), { catalog });
const summary = (diagnostics: { severity: string; ruleId: string; elementId?: string }[]) => diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.elementId}`);

describe('Camunda 8 example models', () => {
  it('twitter.bpmn: compiles; its job types are served by the team’s own workers (warnings)', async () => {
    const { graph, diagnostics } = await camunda('twitter.bpmn');
    // Camunda job types are not in the AI catalog: accepted as external, with a warning each.
    expect(summary(diagnostics)).toEqual([
      'warning task-type-known service_task_send_rejection_notification',
      'warning task-type-known service_task_publish_on_twitter',
    ]);
    expect(graph?.processKey).toBe('TwitterDemoProcess');
    // The Camunda 7 attributes left in the file (camunda:assignee) are ignored; zeebe: ones count.
    expect(graph?.nodes.user_task_review_tweet).toMatchObject({ kind: 'userTask', assignee: { feel: 'boss' } });
    expect(graph?.nodes.boundary_event_tweet_duplicated).toMatchObject({
      kind: 'boundaryEvent',
      attachedToId: 'service_task_publish_on_twitter',
      trigger: { type: 'error', errorCode: 'duplicateMessage' },
    });
    expect(graph?.nodes.service_task_publish_on_twitter).toMatchObject({ kind: 'serviceTask', taskType: 'publishTweet', external: true });
  });

  it('get-up.bpmn: compiles, with its subprocess, timers, script task and undefined tasks', async () => {
    const { graph, diagnostics } = await camunda('get-up.bpmn');
    expect(summary(diagnostics)).toEqual(['warning task-type-known TellKidsToGetUpTask', 'warning task-type-known CheckCurrentProgressTask']);
    expect(graph?.nodes.GetEmFedSubProcess).toMatchObject({ kind: 'subProcess', startNodeIds: ['KidsAreHangryStartEvent'] });
    expect(graph?.nodes.PrepareBreakfastTask).toMatchObject({ kind: 'scriptTask', scopeId: 'GetEmFedSubProcess', resultVariable: 'breakfastPrepared' });
    expect(graph?.nodes.GetKidsDressedTask).toMatchObject({ kind: 'passThroughTask', element: 'task' });
    expect(graph?.nodes.RunningLateBoundaryEvent).toMatchObject({ attachedToId: 'GetEmFedSubProcess', trigger: { type: 'timer', timer: { type: 'duration', value: { value: 'PT1H' } } } });
  });

  it('enforcing-sla.bpmn: compiles, with its SLA event subprocess, event-based gateway and embedded forms', async () => {
    const { graph, diagnostics } = await camunda('enforcing-sla.bpmn');
    expect(summary(diagnostics)).toEqual([
      // Camunda's HTTP connector is a job type like any other here: a team's worker serves it.
      'warning task-type-known SendEscalationEmailTask',
      'warning task-type-known SendResponseTask',
      // The tutorial leaves its tasks unassigned, which Tasklist shows to everyone.
      'warning user-task-assignment AnswerInquireTask',
      'warning user-task-assignment LogReplyTask',
    ]);
    expect(graph?.eventSubProcessIds).toEqual(['SLACheckEventSubprocess']);
    expect(graph?.nodes.EveryTwoDaysStartEvent).toMatchObject({ interrupting: false, trigger: { type: 'timer', timer: { type: 'cycle', value: { value: 'R/P2D' } } } });
    expect(graph?.nodes.AnswerInquireTask).toMatchObject({ form: { schema: expect.objectContaining({ id: 'AnswerEnquiryForm' }) } });
    expect(graph?.nodes.RetractionReceivedEvent).toMatchObject({ trigger: { type: 'message', message: { name: { value: 'Retraction' }, correlationKey: { feel: 'key' } } } });
  });

  it('multi-instance-call-activity.bpmn: refused, because it holds two executable processes', async () => {
    // Camunda deploys both processes of the file; a Rouage deployment is one process (one graph),
    // so the called process must be deployed from a file of its own.
    const { graph, diagnostics } = await camunda('multi-instance-call-activity.bpmn');
    expect(graph).toBeUndefined();
    expect(summary(diagnostics)).toEqual(['error single-executable-process ElementCreationProcess']);
    expect(diagnostics[0]!.message.en).toBe('The file holds 2 executable processes (MICallActivityProcess, ElementCreationProcess).');
    expect(diagnostics[0]!.hint.en).toMatch(/file of its own/);
  });
});
