/**
 * Boundary timer events on user and service tasks: an interrupting one cancels the task (a user
 * task's record is closed as canceled and can no longer be completed) and the token leaves by
 * the event; a non-interrupting one starts a parallel token (a cycle R<n>/... n times) while
 * the task goes on; completing the task withdraws its timers.
 */
import { TaskModel } from '../../platform/storage';
import { countIn, eventually, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('boundary timer events', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    await p.deploy('boundary-timer-user-task.bpmn');
    await p.deploy('boundary-timer-service-task.bpmn');
  });
  afterAll(async () => {
    await p.stop();
  });

  it('interrupts a user task when the legal delay is over: the task is canceled and the silence path taken', async () => {
    const instanceId = await p.start('boundary-timer-user-task', { legalDelay: 'PT2S', reminderCycle: 'R1/PT1H' });
    const task = await p.openTask(instanceId, 'instruct');
    // Monitoring shows when each of the task's timers fires.
    const waiting = await p.waitFor(instanceId, (v) => (v.activeElements.find((e) => e.elementId === 'instruct')?.boundaryTimers ?? []).length === 2, 'the boundary timers shown');
    const timers = waiting.activeElements.find((e) => e.elementId === 'instruct')!.boundaryTimers!;
    expect(timers.map((t) => t.elementId).sort()).toEqual(['legal-delay', 'reminder']);

    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'instruct', 'legal-delay', 'accept-implicitly', 'accepted-by-silence']);
    expect(done.path[1]).toMatchObject({ elementId: 'instruct', canceled: true });
    expect(done.variables).toMatchObject({ decision: 'implicit-acceptance' });
    expect(done.variables.reminders).toBeUndefined();

    // The record is closed as canceled, and the agent can no longer complete it.
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'canceled' });
    const late = await p.completeTask(task.id, { decision: 'refused' });
    expect(late.status).toBe(409);
    expect((await p.instance(instanceId)).variables.decision).toBe('implicit-acceptance');
  });

  it('reminds twice on a non-interrupting cycle while the task stays open, then goes on when it is completed', async () => {
    const instanceId = await p.start('boundary-timer-user-task', { legalDelay: 'PT1M', reminderCycle: 'R2/PT1S' });
    const task = await p.openTask(instanceId, 'instruct');

    const reminded = await p.waitFor(instanceId, (v) => v.variables.reminders === 2, 'two reminders');
    expect(reminded.status).toBe('running');
    expect(reminded.activeElements.map((a) => a.elementId)).toEqual(['instruct']);
    expect(countIn(pathIds(reminded), 'reminder')).toBe(2);
    expect(countIn(pathIds(reminded), 'reminded')).toBe(2);
    // R2: no third reminder.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await p.instance(instanceId)).variables.reminders).toBe(2);
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'created' });

    expect((await p.completeTask(task.id, { decision: 'granted' })).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.variables).toMatchObject({ decision: 'granted', reminders: 2 });
    expect(pathIds(done)).not.toContain('legal-delay');
    expect(countIn(pathIds(done), 'decided')).toBe(1);
  });

  it('withdraws the timers when the task is completed first', async () => {
    const instanceId = await p.start('boundary-timer-user-task', { legalDelay: 'PT1M', reminderCycle: 'R/PT1M' });
    const task = await p.openTask(instanceId, 'instruct');
    expect((await p.completeTask(task.id, { decision: 'granted' })).status).toBe(200);
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'instruct', 'decided']);
    expect(done.path[1]!.canceled).toBeUndefined();
    // Temporal agrees: the timers were canceled (the instance would still be running otherwise).
    const history = await p.platform.temporal.workflow.getHandle(instanceId).fetchHistory();
    const events = history.events ?? [];
    expect(events.filter((e) => e.timerStartedEventAttributes).length).toBe(2);
    expect(events.filter((e) => e.timerCanceledEventAttributes).length).toBe(2);
  });

  it('interrupts a slow service task: its activity is canceled and the token takes the fallback path', async () => {
    const instanceId = await p.start('boundary-timer-service-task');
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'slow-call', 'too-slow', 'fallback', 'timed-out']);
    expect(done.path[1]).toMatchObject({ elementId: 'slow-call', canceled: true });
    expect(done.variables).toEqual({ fallback: true });
    // The activity learnt of the cancellation through its heartbeat.
    await eventually(async () => (p.log.canceled.some((c) => c.instanceId === instanceId && c.elementId === 'slow-call') ? true : undefined), 'the activity to be canceled', 10_000);
  });
});
