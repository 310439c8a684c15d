/**
 * Timer intermediate catch events run as Temporal timers: ISO 8601 literal durations, FEEL
 * durations and FEEL dates; a date in the past fires at once; a FEEL value that is no ISO
 * 8601 duration is an incident naming the element.
 */
import { countIn, pathIds, startInterpreterPlatform, stayMs, type InterpreterPlatform } from './support';

describe('timer intermediate catch event', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    await p.deploy('timer-catch.bpmn');
    await p.deploy('timer-past-date.bpmn');
  });
  afterAll(async () => {
    await p.stop();
  });

  it('waits for a literal duration, a FEEL duration and a FEEL date, in turn', async () => {
    const instanceId = await p.start('timer-catch', { delay: 'PT1S' });

    const waiting = await p.waitFor(instanceId, (v) => v.activeElements.some((a) => a.elementId === 'wait-literal'), 'the first timer to wait');
    const active = waiting.activeElements.find((a) => a.elementId === 'wait-literal')!;
    expect(Date.parse(active.timerDueAt!) - Date.parse(active.since)).toBe(1000);
    expect(waiting.variables.waited).toBeUndefined();

    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'wait-literal', 'wait-feel', 'wait-date', 'after', 'end']);
    for (const timer of ['wait-literal', 'wait-feel', 'wait-date']) expect(stayMs(done, timer)).toBeGreaterThanOrEqual(950);
    expect(done.variables).toMatchObject({ delay: 'PT1S', waited: true });
  });

  it('fires at once for a date already past, and makes a FEEL value that is not ISO 8601 an incident', async () => {
    const quick = await p.start('timer-past-date', { delay: 'PT0S' });
    const done = await p.waitForStatus(quick, 'completed');
    expect(pathIds(done)).toEqual(['start', 'past', 'computed', 'end']);
    expect(stayMs(done, 'past')).toBeLessThan(500);

    // The token waits at the timer with an incident; resolved with a valid value, it goes on.
    const broken = await p.start('timer-past-date', { delay: 'in ten minutes' });
    const incident = await p.incidentAt(broken, 'computed');
    expect(incident.reason).toMatch(/in ten minutes/);
    expect((await p.instance(broken)).status).toBe('running');
    expect((await p.resolveIncident(broken, incident.incidentId, { delay: 'PT0S' })).status).toBe(200);
    const resumed = await p.waitForStatus(broken, 'completed');
    expect(resumed.incidents ?? []).toEqual([]);
    expect(countIn(pathIds(resumed), 'computed')).toBe(1);
  });
});
