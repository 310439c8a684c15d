/**
 * BPMN errors and end events inside scopes: a job whose worker reports a BPMN error is caught
 * by the error boundary event of that code (another code is an incident); inside a subprocess
 * a terminate end event ends the subprocess only, and an error end event is caught by the
 * subprocess's own error event subprocess; an interrupting timer event subprocess at the
 * process level cancels the open task when its delay is over.
 */
import { TaskModel } from '../../platform/storage';
import { pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('BPMN errors, terminate and timer event subprocesses', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    for (const name of ['job-error', 'subprocess-end-events', 'timer-event-subprocess']) await p.deploy(`interpreter/${name}.bpmn`);
  });
  afterAll(async () => {
    await p.stop();
  });

  it('catches a BPMN error a worker reports with the error boundary event of its code; an uncaught code is an incident', async () => {
    const caught = await p.start('job-error', { errorCode: 'REJET' });
    const done = await p.waitForStatus(caught, 'completed');
    expect(pathIds(done)).toEqual(['start', 'check', 'rejected', 'rejected-end']);

    const uncaught = await p.start('job-error', { errorCode: 'INCONNU' });
    const incident = await p.incidentAt(uncaught, 'check');
    expect(incident.reason).toMatch(/BPMN error "INCONNU" is not caught/);
    // Resolved with the code the diagram catches, the job runs again and its error is caught.
    expect((await p.resolveIncident(uncaught, incident.incidentId, { errorCode: 'REJET' })).status).toBe(200);
    expect(pathIds(await p.waitForStatus(uncaught, 'completed'))).toEqual(['start', 'check', 'rejected', 'rejected-end']);
  });

  it('ends only the subprocess at a terminate end event inside it: its open task is canceled and the process goes on', async () => {
    const instanceId = await p.start('subprocess-end-events', { stop: true });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(expect.arrayContaining(['file', 'stop-file', 'after', 'end']));
    expect(done.terminatedBy).toBeUndefined();
    expect(done.path.find((s) => s.elementId === 'work')).toMatchObject({ canceled: true });
    expect(done.path.find((s) => s.elementId === 'file')!.canceled).toBeUndefined();
    expect(await TaskModel.findOne({ instanceId, elementId: 'work' }).lean()).toMatchObject({ state: 'canceled' });
  });

  it('catches an error end event with the error event subprocess of the same subprocess, which then completes', async () => {
    const instanceId = await p.start('subprocess-end-events', { stop: false });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(expect.arrayContaining(['internal-error', 'internal-error-start', 'note-error', 'internal-error-end', 'after', 'end']));
    expect(done.variables).toMatchObject({ errorHandled: true, after: true });
    expect(await TaskModel.findOne({ instanceId, elementId: 'work' }).lean()).toMatchObject({ state: 'canceled' });
  });

  it('runs an interrupting timer event subprocess when its delay is over, canceling the task', async () => {
    const instanceId = await p.start('timer-event-subprocess', { delay: 'PT1S' });
    const task = await p.openTask(instanceId, 'work');
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(done.variables.expired).toBe(true);
    expect(pathIds(done)).toEqual(['start', 'work', 'expiry-start', 'note-expiry', 'expiry-end']);
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'canceled' });
    expect((await p.completeTask(task.id)).status).toBe(409);
  });
});
