/**
 * A user task's side work runs beside the next steps (behaviors/user-task.ts): the next task is
 * scheduled before the workflow's backup close of the completed one has finished, the
 * candidates are told by an activity of its own, and the instance still ends only once all of
 * it is done.
 */
import { temporal } from '@temporalio/proto';
import { OutboxModel } from '../../platform/storage';
import { eventually } from '../support/platform';
import { startInterpreterPlatform, type InterpreterPlatform } from './support';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

describe('user task side work', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    await p.deploy('interpreter/two-user-tasks.bpmn');
    const optIn = await p.platform.request('PUT', '/api/v1/notifications/settings', { token: p.agentA, json: { email: 'agent-a@example.fr', taskCreated: true } });
    expect(optIn.status).toBe(200);
  });
  afterAll(() => p.stop());

  it('opens the next task without waiting for the close of the previous one, tells the candidates, and ends after both', async () => {
    const instanceId = await p.start('deux-taches');
    const first = await p.openTask(instanceId, 'premiere');
    expect((await p.completeTask(first.id, { avis: 'favorable' })).status).toBe(200);
    const second = await p.openTask(instanceId, 'seconde');
    expect((await p.completeTask(second.id)).status).toBe(200);
    await p.waitForStatus(instanceId, 'completed');

    const { events } = await p.platform.temporal.workflow.getHandle(instanceId).fetchHistory();
    const scheduled = (events ?? []).filter((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    const nameOf = (event: HistoryEvent) => event.activityTaskScheduledEventAttributes?.activityType?.name;
    const completedEventOf = (scheduledEvent: HistoryEvent) =>
      (events ?? []).find((event) => event.activityTaskCompletedEventAttributes && Number(event.activityTaskCompletedEventAttributes.scheduledEventId) === Number(scheduledEvent.eventId));
    expect(scheduled.map(nameOf)).toEqual(['openUserTask', 'notifyTaskCandidates', 'closeUserTask', 'openUserTask', 'notifyTaskCandidates', 'closeUserTask']);

    // The second task was asked for before the backup close of the first had finished.
    const firstClose = scheduled[2]!;
    const secondOpen = scheduled[3]!;
    expect(Number(secondOpen.eventId)).toBeLessThan(Number(completedEventOf(firstClose)!.eventId));
    // Every activity finished before the instance did.
    const completedAt = Number(events!.find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)!.eventId);
    for (const event of scheduled) expect(Number(completedEventOf(event)?.eventId)).toBeLessThan(completedAt);

    // The candidates were told of both tasks, once each.
    const told = await eventually(async () => {
      const messages = await OutboxModel.find({ instanceId, kind: 'task-created' }).lean();
      return messages.length === 2 ? messages : undefined;
    }, 'the two notifications');
    expect(told.map((message) => [message.taskId, message.to]).sort()).toEqual([
      [first.id, ['agent-a@example.fr']],
      [second.id, ['agent-a@example.fr']],
    ]);
  });
});
