/**
 * SLA state of a task, from its due date, as the inbox shows it:
 * - `late`: the due date has passed;
 * - `atRisk`: less than 20 % of the allotted time (creation → due date) is left, or less than
 *   24 hours. So a task given less than a day is at risk from the start: it must be handled
 *   today, which is what an agent sorting a long list needs to see; a 30-day file turns at risk
 *   6 days before its date;
 * - `onTime` otherwise; null without a due date (nothing promised).
 * Closed tasks keep no SLA state: the list shows what is still to do.
 */
import { isOpenTaskState, type TaskState } from '../../platform/storage';

export type SlaState = 'onTime' | 'atRisk' | 'late';

export const AT_RISK_SHARE = 0.2;
export const AT_RISK_WITHIN_MS = 24 * 3_600_000;

export function slaOf(task: { state: TaskState | string; dueDate?: Date | null; createdAt: Date }, now = new Date()): SlaState | null {
  if (!task.dueDate || !isOpenTaskState(task.state)) return null;
  const left = task.dueDate.getTime() - now.getTime();
  if (left < 0) return 'late';
  const allotted = Math.max(0, task.dueDate.getTime() - task.createdAt.getTime());
  return left < AT_RISK_SHARE * allotted || left < AT_RISK_WITHIN_MS ? 'atRisk' : 'onTime';
}
