/**
 * `rouage.notify`: a built-in (non-AI) service task that writes a notice to the outbox, for
 * escalations (a non-interrupting boundary timer on a user task, then this task) and any
 * "tell someone" step. Inputs: `to` (user ids, group ids, email addresses: a list or a
 * comma-separated string), `subject`, `body`. Returns `{ notification: { id, to, unreachable } }`.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { CatalogActivity } from '../../compiler';
import type { ServiceTaskRequest, ServiceTaskResult } from '../contracts';
import { writeToOutbox } from './outbox';
import { recipientList, resolveRecipients } from './recipients';

export const NOTIFY_TASK_TYPE = 'rouage.notify';

/**
 * What the compiler knows of it. `localOnly`: it calls no AI provider, so the sovereignty rules
 * (which check every catalog service task's provider) see it as running on premises, which it does.
 */
export const notifyCatalogEntry: CatalogActivity = {
  type: NOTIFY_TASK_TYPE,
  inputs: [
    { name: 'to', required: true },
    { name: 'subject', required: true },
    { name: 'body', required: true },
  ],
  acceptsClassification: 'sensitive',
  localOnly: true,
};

function text(variables: Record<string, unknown>, name: string): string {
  const value = variables[name];
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw ApplicationFailure.nonRetryable(
    `rouage.notify: l’entrée « ${name} » est vide ou absente / input "${name}" is empty or missing. Map it in the task's inputs (zeebe:ioMapping).`,
    'InvalidNotifyInput',
  );
}

export async function notify(request: ServiceTaskRequest): Promise<ServiceTaskResult> {
  const requested = recipientList(request.variables.to);
  if (requested.length === 0) {
    throw ApplicationFailure.nonRetryable(
      'rouage.notify: aucun destinataire dans « to » / no recipient in "to". Give user ids, group ids or email addresses.',
      'InvalidNotifyInput',
    );
  }
  const subject = text(request.variables, 'subject');
  const body = text(request.variables, 'body');
  const { addresses, unreachable } = await resolveRecipients(requested);
  // The activity id is stable across retries of this execution of the task, and differs between
  // executions (a loop, a timer cycle): one outbox message per execution.
  const { workflowExecution, activityId } = Context.current().info;
  const id = `notice:${workflowExecution?.workflowId ?? request.instance.instanceId}:${workflowExecution?.runId ?? ''}:${activityId}`;
  await writeToOutbox({ id, kind: 'notice', to: addresses, requested, unreachable, subject, body, instanceId: request.instance.instanceId });
  return { notification: { id, to: addresses, unreachable } };
}
