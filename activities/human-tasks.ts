/**
 * The worker's side of the human-task protocol (DESIGN.md §4): open the task record when a
 * token reaches a user task, close it when the workflow has taken the completion (or was
 * canceled). Both are idempotent, since Temporal retries activities.
 */
import { ApplicationFailure } from '@temporalio/common';
import { closeTaskRecord, DEFAULT_TASK_PRIORITY, FormModel, insertOnce, NO_DUE_DATE, noteTaskChanged, TaskModel } from '../platform/storage';
import type { CloseUserTaskRequest, OpenUserTaskRequest, TaskNotice } from './contracts';
import { writeToOutbox } from './notifications/outbox';
import { optedInCandidates } from './notifications/recipients';

/** An ISO date-time from the workflow, or null when absent or not a date (the task still opens). */
function dateOrNull(iso: string | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A form linked by id is resolved when the task opens, so the task validates against the
 * version it was shown with even if the form is edited later. Not stored yet: kept as
 * `{ formId }`, and the API resolves it when the task is read.
 */
async function formOf(form: unknown): Promise<unknown> {
  if (!form || typeof form !== 'object' || !('formId' in form)) return form ?? null;
  const formId = String((form as { formId: unknown }).formId);
  const stored = await FormModel.findById(formId).lean();
  return stored ? { formId, version: stored.version, schema: stored.schema } : { formId };
}

function priorityOf(priority: number | undefined): number {
  return typeof priority === 'number' && Number.isFinite(priority) ? Math.min(100, Math.max(0, Math.round(priority))) : DEFAULT_TASK_PRIORITY;
}

export async function openUserTask(request: OpenUserTaskRequest): Promise<void> {
  const dueDate = dateOrNull(request.dueDate);
  // Insert-once: a retried activity must not reset a task an agent already claimed.
  await insertOnce(TaskModel, {
    _id: request.taskId,
    instanceId: request.instance.instanceId,
    processKey: request.instance.processKey,
    processVersion: request.instance.processVersion,
    elementId: request.instance.elementId,
    businessKey: request.instance.businessKey ?? null,
    name: request.name,
    candidateGroups: request.candidateGroups,
    candidateUsers: request.candidateUsers,
    assignee: request.assignee ?? null,
    state: request.assignee ? 'assigned' : 'created',
    priority: priorityOf(request.priority),
    dueDate,
    dueSort: dueDate ?? NO_DUE_DATE,
    followUpDate: dateOrNull(request.followUpDate),
    headers: request.headers ?? {},
    variables: request.variables,
    form: await formOf(request.form),
    history: [{ at: new Date(), by: null, action: 'created', ...(request.assignee ? { assignee: request.assignee } : {}) }],
  });
  // Noted even when it existed: a retry may follow a crash between the insert and the note.
  await noteTaskChanged(request.taskId);
  if (!request.notifySeparately) await notifyTaskCandidates(request);
}

/**
 * Tells the candidates who opted in (insert-once too: a retry after a crash sends one message).
 * Its own activity, which the workflow runs beside the next steps: finding who opted in reads
 * the users, and the task is open for agents before that is done.
 */
export async function notifyTaskCandidates(request: TaskNotice): Promise<void> {
  const dueDate = dateOrNull(request.dueDate);
  const to = await optedInCandidates(request.candidateUsers, request.candidateGroups, request.assignee ?? null);
  if (to.length === 0) return;
  const due = dueDate ? ` Échéance : ${dueDate.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}.` : '';
  await writeToOutbox({
    id: `task-created:${request.taskId}`,
    kind: 'task-created',
    to,
    requested: [...request.candidateUsers, ...request.candidateGroups, ...(request.assignee ? [request.assignee] : [])],
    unreachable: [],
    subject: `Nouvelle tâche : ${request.name}`,
    body: `Une tâche « ${request.name} » vous attend (processus ${request.instance.processKey}${request.instance.businessKey ? `, dossier ${request.instance.businessKey}` : ''}).${due}`,
    taskId: request.taskId,
    instanceId: request.instance.instanceId,
  });
}

/** How long one attempt waits for a change being written (well within its 10 s timeout) before Temporal retries it. */
const BUSY_WAIT_MS = 2000;
const BUSY_POLL_MS = 100;

/**
 * Closes the record (completed or canceled), taking its turn after a change being written at
 * the same moment (platform/storage/task-writes.ts): beside the API's own close of a
 * completion, it waits for that write (milliseconds, usually) instead of applying the
 * completion twice. Longer waits are Temporal's retries, with their backoff.
 */
export async function closeUserTask(request: CloseUserTaskRequest): Promise<void> {
  const giveUpAt = Date.now() + BUSY_WAIT_MS;
  while ((await closeTaskRecord(request)) === 'busy') {
    if (Date.now() > giveUpAt) {
      throw ApplicationFailure.retryable(`Task ${request.taskId} is being changed by someone else; closing it again once that is written.`, 'TaskBeingChanged');
    }
    await new Promise((resolve) => setTimeout(resolve, BUSY_POLL_MS));
  }
}
