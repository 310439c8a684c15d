/**
 * Timer start events as Temporal Schedules, one per process-level timer start event of the
 * latest version, id `timer-start:<processKey>:<startEventId>`:
 * - cycle `R[n]/<duration>`: every duration from the deploy on (n times, or forever);
 * - date: once at that date (at once when it is past, as Camunda does);
 * - duration: once, that long after the deploy.
 * Each run starts an instance at the start event. Deploying a new version replaces the previous
 * version's schedules (same id: updated; start event gone: deleted). The ids make it idempotent:
 * deploying again never adds a second schedule.
 *
 * Durations with years or months repeat at fixed intervals of 365 and 30 days (a Temporal
 * interval cannot follow the calendar). Instances a timer starts run without the API: the
 * interpreter reserves their reference number itself when it starts (process-instance.ts).
 */
import { MONTHS, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleSpec } from '@temporalio/client';
import { addIsoDuration, parseIsoCycle, parseIsoDateTime, parseIsoDuration, type IsoDuration } from '../../compiler/elements/iso8601';
import type { ProcessGraph, TimerDefinition } from '../../compiler/graph';
import { ProcessVersionModel } from '../../platform/storage';
import { PROCESS_WORKFLOW, type RunProcessInput } from '../../workflows/definitions';
import { processKeyAttribute, processVersionAttribute } from '../../workflows/search-attributes';
import { staticValue, triggeredStartEvents } from '../../platform/instances/event-start-events';
import type { DeployedVersion, TemporalSettings } from '../../platform/instances/start-version';

export function timerStartScheduleId(processKey: string, startEventId: string): string {
  return `timer-start:${processKey}:${startEventId}`;
}

/** What a Temporal Schedule needs for one timer: when, how many times, and whether to fire at once. */
interface Plan {
  spec: ScheduleSpec;
  remainingActions?: number;
  fireNow: boolean;
}

const MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

function fixedMs(duration: IsoDuration): number {
  return Math.round(
    (duration.years * 365 + duration.months * 30 + duration.weeks * 7 + duration.days) * MS.day + duration.hours * MS.hour + duration.minutes * MS.minute + duration.seconds * MS.second,
  );
}

/** A schedule that matches the one second `at` falls in, rounded up (never early; UTC); `fireNow` when it is already past. */
function once(at: number, now: number): Plan {
  const date = new Date(Math.ceil(at / 1000) * 1000);
  return {
    spec: {
      calendars: [{ year: date.getUTCFullYear(), month: MONTHS[date.getUTCMonth()]!, dayOfMonth: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() }],
      timezone: 'UTC',
    },
    remainingActions: 1,
    fireNow: at <= now,
  };
}

/** The schedule of a timer start event deployed at `now`, or an error message (French / English) when its value is not a timer. */
export function planOf(timer: TimerDefinition, now: number): Plan | string {
  const text = staticValue(timer.value);
  const invalid = `"${text ?? ''}" is not an ISO 8601 ${timer.type} / « ${text ?? ''} » n'est pas une valeur ISO 8601 de type ${timer.type}`;
  if (text === undefined) return invalid;
  if (timer.type === 'date') {
    const at = parseIsoDateTime(text);
    return at === undefined ? invalid : once(at, now);
  }
  if (timer.type === 'duration') {
    const duration = parseIsoDuration(text);
    return duration === undefined ? invalid : once(addIsoDuration(now, duration), now);
  }
  const cycle = parseIsoCycle(text);
  if (!cycle) return invalid;
  const every = fixedMs(cycle.interval);
  // Temporal intervals match epoch + n × every + offset: this offset puts the first run one interval after the deploy.
  return { spec: { intervals: [{ every, offset: now % every }] }, ...(cycle.repetitions !== undefined ? { remainingActions: cycle.repetitions } : {}), fireNow: false };
}

async function upsertSchedule(settings: TemporalSettings, deployed: DeployedVersion, startEventId: string, plan: Plan): Promise<void> {
  const scheduleId = timerStartScheduleId(deployed.processKey, startEventId);
  const input: RunProcessInput = { graph: deployed.graph as ProcessGraph, processVersion: deployed.version, variables: {}, externalTaskQueue: settings.externalTaskQueue, startNodeId: startEventId };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: PROCESS_WORKFLOW,
    // Temporal appends the time of each run: every instance has its own id.
    workflowId: `${deployed.processKey}-timer-${startEventId}`,
    taskQueue: settings.taskQueue,
    args: [input],
    typedSearchAttributes: [
      { key: processKeyAttribute, value: deployed.processKey },
      { key: processVersionAttribute, value: deployed.version },
    ],
  };
  // Camunda starts an instance at each firing, whatever instances are still running.
  const policies = { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 minute' };
  const state = plan.remainingActions !== undefined ? { remainingActions: plan.remainingActions } : {};
  try {
    await settings.client.schedule.create({ scheduleId, spec: plan.spec, action, policies, state: { ...state, triggerImmediately: plan.fireNow } });
    return;
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = settings.client.schedule.getHandle(scheduleId);
  await handle.update(() => ({ spec: plan.spec, action, policies, state }));
  if (plan.fireNow) await handle.trigger();
}

async function deleteSchedule(settings: TemporalSettings, scheduleId: string): Promise<void> {
  try {
    await settings.client.schedule.getHandle(scheduleId).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/**
 * After `deployed` became the latest version: schedules its timer start events and deletes the
 * schedules of the previous version's timer start events it no longer has.
 */
export async function replaceTimerStarts(temporal: TemporalSettings, deployed: DeployedVersion): Promise<void> {
  const now = Date.now();
  const plans: { id: string; plan: Plan }[] = [];
  for (const node of triggeredStartEvents(deployed.graph as ProcessGraph)) {
    if (node.trigger.type !== 'timer') continue;
    const plan = planOf(node.trigger.timer, now);
    // The compiler checks literal timers; a FEEL one that gives no timer is reported, not fatal to the deploy.
    if (typeof plan === 'string') console.error(`api: timer start event ${node.id} of ${deployed.processKey} v${deployed.version} is not scheduled: ${plan}`);
    else plans.push({ id: node.id, plan });
  }
  const previous = await ProcessVersionModel.findOne({ processKey: deployed.processKey, version: { $lt: deployed.version } }, { graph: 1 }).sort({ version: -1 }).lean();
  const kept = new Set(plans.map(({ id }) => id));
  const dropped = (previous ? triggeredStartEvents(previous.graph as ProcessGraph) : []).filter((node) => node.trigger.type === 'timer' && !kept.has(node.id));
  if (plans.length === 0 && dropped.length === 0) return;
  for (const { id, plan } of plans) await upsertSchedule(temporal, deployed, id, plan);
  for (const node of dropped) await deleteSchedule(temporal, timerStartScheduleId(deployed.processKey, node.id));
}
