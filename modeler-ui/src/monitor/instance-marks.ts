/** What the instance page shows on each element of the diagram, from the instance's state. */
import type { InstanceDetail, MonitoredActiveElement } from '../api';
import { formatDateTime, t } from '../i18n';
import { durationBetween, formatDuration } from './format';

export interface ElementMarks {
  /** Passages that left the element, by element id. */
  passed: Map<string, number>;
  /** Sequence flows tokens took. */
  taken: Set<string>;
  /** What each token at the element is doing (one line per token), by element id. */
  active: Map<string, string[]>;
  /** Reasons of the open incidents, by element id. */
  incidents: Map<string, string[]>;
}

/** « depuis 3 min, échéance …, attend le message « x » » for one token. */
export function describeActive(active: MonitoredActiveElement, now: Date): string {
  const parts = [t.monitor.since(formatDuration(durationBetween(active.since, now)))];
  if (active.loopCounter !== undefined) parts.push(t.monitor.loopCounter(active.loopCounter));
  if (active.timerDueAt) parts.push(t.monitor.timerDue(formatDateTime(active.timerDueAt)));
  if (active.message) parts.push(t.monitor.waitingMessage(active.message.name, active.message.correlationKey));
  if (active.signal) parts.push(t.monitor.waitingSignal(active.signal));
  if (active.taskId) parts.push(t.monitor.userTask);
  return parts.join(', ');
}

function push<V>(map: Map<string, V[]>, key: string, value: V) {
  map.set(key, [...(map.get(key) ?? []), value]);
}

export function marksOf(instance: InstanceDetail, now: Date): ElementMarks {
  const passed = new Map<string, number>();
  const taken = new Set<string>();
  for (const step of instance.path) {
    if (step.leftAt) passed.set(step.elementId, (passed.get(step.elementId) ?? 0) + 1);
    if (step.flowId) taken.add(step.flowId);
  }
  const active = new Map<string, string[]>();
  for (const token of instance.activeElements) push(active, token.elementId, describeActive(token, now));
  const incidents = new Map<string, string[]>();
  for (const incident of instance.incidents) push(incidents, incident.elementId, incident.reason);
  return { passed, taken, active, incidents };
}
