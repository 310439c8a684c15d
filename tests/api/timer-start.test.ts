/**
 * Timer start events: deploying schedules them as Temporal Schedules (`timer-start:<process>:
 * <start event>`) that start instances at the start event: a cycle n times, a past date at once,
 * a duration once after the deploy. A new version replaces the previous version's schedules;
 * deploying the same XML again adds none.
 */
import { randomBytes } from 'node:crypto';
import { ScheduleNotFoundError, type ScheduleDescription } from '@temporalio/client';
import { planOf, timerStartScheduleId } from '../../api/processes/timer-starts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

// Schedules live in the shared Temporal namespace: a key of its own per run.
const processKey = `minuterie-${randomBytes(4).toString('hex')}`;

const diagram = (starts: { id: string; timer: string }[]) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs">
  <bpmn:process id="${processKey}" isExecutable="true">
${starts.length === 0 ? '    <bpmn:startEvent id="start" />' : starts.map(({ id, timer }) => `    <bpmn:startEvent id="${id}"><bpmn:timerEventDefinition id="${id}-def">${timer}</bpmn:timerEventDefinition></bpmn:startEvent>`).join('\n')}
    <bpmn:endEvent id="end" />
${(starts.length === 0 ? [{ id: 'start' }] : starts).map(({ id }) => `    <bpmn:sequenceFlow id="${id}-flow" sourceRef="${id}" targetRef="end" />`).join('\n')}
  </bpmn:process>
</bpmn:definitions>`;

const version1 = diagram([
  { id: 'start-cycle', timer: '<bpmn:timeCycle>R2/PT2S</bpmn:timeCycle>' },
  { id: 'start-date', timer: '<bpmn:timeDate>2020-01-01T00:00:00Z</bpmn:timeDate>' },
  { id: 'start-duration', timer: '<bpmn:timeDuration>PT3S</bpmn:timeDuration>' },
]);
const version2 = diagram([{ id: 'start-cycle', timer: '<bpmn:timeCycle>R/PT1H</bpmn:timeCycle>' }]);
const version3 = diagram([]);

const ids = ['start-cycle', 'start-date', 'start-duration'].map((id) => timerStartScheduleId(processKey, id));

describe('timer start events', () => {
  let platform: TestPlatform;
  let owner: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ worker: true });
    owner = await platform.login('owner');
  });
  afterAll(async () => {
    for (const id of ids) await platform.temporal.schedule.getHandle(id).delete().catch(() => undefined);
    await platform.stop();
  });

  const deploy = (xml: string) => platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' });
  const describe_ = (id: string) => platform.temporal.schedule.getHandle(id).describe();
  const startedBy = (description: ScheduleDescription) => description.info.recentActions.map((action) => action.action.workflow.workflowId);
  const gone = (id: string) =>
    eventually(
      () =>
        describe_(id).then(
          () => undefined,
          (error: unknown) => (error instanceof ScheduleNotFoundError ? true : Promise.reject(error)),
        ),
      `schedule ${id} to be deleted`,
    );

  it('plans cycles, dates and durations as Camunda fires them', () => {
    const now = Date.UTC(2026, 0, 10, 8, 0, 0, 500);
    expect(planOf({ type: 'cycle', value: { value: 'R3/PT10M' } }, now)).toEqual({ spec: { intervals: [{ every: 600_000, offset: now % 600_000 }] }, remainingActions: 3, fireNow: false });
    expect(planOf({ type: 'cycle', value: { value: 'R/P1D' } }, now)).toMatchObject({ spec: { intervals: [{ every: 86_400_000 }] }, fireNow: false });
    expect(planOf({ type: 'date', value: { value: '2026-03-01T09:00:00+01:00' } }, now)).toEqual({
      spec: { calendars: [{ year: 2026, month: 'MARCH', dayOfMonth: 1, hour: 8, minute: 0, second: 0 }], timezone: 'UTC' },
      remainingActions: 1,
      fireNow: false,
    });
    expect(planOf({ type: 'date', value: { feel: 'date and time("2025-01-01T00:00:00Z")' } }, now)).toMatchObject({ remainingActions: 1, fireNow: true });
    expect(planOf({ type: 'duration', value: { value: 'PT1H' } }, now)).toMatchObject({ spec: { calendars: [{ hour: 9, minute: 0, second: 1 }] }, fireNow: false }); // rounded up, never early
    expect(planOf({ type: 'duration', value: { value: 'demain' } }, now)).toContain('not an ISO 8601 duration');
  });

  it('starts instances at the timer start events, then a new version replaces the schedules', async () => {
    expect((await deploy(version1)).status).toBe(201);
    // The date is past: at once. The cycle: twice, 2 s apart. The duration: once, 3 s after the deploy.
    const [cycle, date, duration] = await eventually(
      async () => {
        const described = await Promise.all(ids.map(describe_));
        return described.every((d, i) => startedBy(d).length === [2, 1, 1][i]) ? described : undefined;
      },
      'every timer start to fire',
      30_000,
    );
    expect(cycle!.state.remainingActions).toBe(0);
    expect(date!.state.remainingActions).toBe(1); // fired on creation, outside the calendar
    expect(duration!.state.remainingActions).toBe(0);
    for (const [description, startEvent] of [
      [cycle, 'start-cycle'],
      [date, 'start-date'],
      [duration, 'start-duration'],
    ] as const) {
      for (const instanceId of startedBy(description!)) {
        const view = await eventually(async () => {
          const current = (await platform.request('GET', `/api/v1/instances/${encodeURIComponent(instanceId)}`, { token: owner })).body;
          return current.status === 'completed' ? current : undefined;
        }, `instance ${instanceId} to complete`);
        expect(view.path.map((step: { elementId: string }) => step.elementId)).toEqual([startEvent, 'end']);
      }
    }

    // The same XML again: no new version, no new schedule run.
    expect((await deploy(version1)).body).toMatchObject({ created: false, version: 1 });
    expect(startedBy(await describe_(ids[0]!))).toHaveLength(2);

    // Version 2 keeps only the cycle, every hour forever: the others are deleted, the cycle now runs version 2.
    expect((await deploy(version2)).status).toBe(201);
    await gone(ids[1]!);
    await gone(ids[2]!);
    const updated = await describe_(ids[0]!);
    expect(updated.spec.intervals).toEqual([expect.objectContaining({ every: 3_600_000 })]);
    expect(updated.state.remainingActions).toBeUndefined();
    expect(updated.action.args?.[0]).toMatchObject({ processVersion: 2, startNodeId: 'start-cycle' });

    // Version 3 has no timer start event any more.
    expect((await deploy(version3)).status).toBe(201);
    await gone(ids[0]!);
  });

  it('gives an instance a timer started the reference number of its process, as the API does', async () => {
    const numberedKey = `${processKey}-ref`;
    const pattern = `TIM${randomBytes(2).toString('hex').toUpperCase()}-{year}-{seq:4}`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-ref">
  <bpmn:process id="${numberedKey}" isExecutable="true">
    <bpmn:extensionElements><zeebe:properties><zeebe:property name="referencePattern" value="${pattern}" /></zeebe:properties></bpmn:extensionElements>
    <bpmn:startEvent id="start-date"><bpmn:timerEventDefinition id="start-date-def"><bpmn:timeDate>2020-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="flow" sourceRef="start-date" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const scheduleId = timerStartScheduleId(numberedKey, 'start-date');
    ids.push(scheduleId);
    expect((await deploy(xml)).status).toBe(201);
    const [instanceId] = await eventually(async () => {
      const started = startedBy(await describe_(scheduleId));
      return started.length === 1 ? started : undefined;
    }, 'the timer start to fire');
    const view = await eventually(async () => {
      const current = (await platform.request('GET', `/api/v1/instances/${encodeURIComponent(instanceId!)}`, { token: owner })).body;
      return current.status === 'completed' ? current : undefined;
    }, 'the instance to complete');
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
    expect(view.variables.reference).toBe(pattern.replace('{year}', year).replace('{seq:4}', '0001'));
    expect(view.businessKey).toBe(view.variables.reference);
  });
});
