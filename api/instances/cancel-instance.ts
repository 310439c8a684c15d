/**
 * Canceling an instance: the workflow is canceled (its tokens release what they hold: user
 * tasks closed as canceled, message and signal subscriptions removed), and the instance's open task
 * records are closed here too, so inboxes are right at once. Both closes are idempotent.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { closeTaskRecord, MessageSubscriptionModel, SignalSubscriptionModel } from '../../platform/storage';
import { inboxIndex } from '../tasks/inbox-index';
import { problems } from '../problems';
import { findInstance } from './find-instance';

export async function cancelInstance(client: Client, instanceId: string, canceledBy: string) {
  const { handle, description } = await findInstance(client, instanceId);
  if (description.status.name !== 'RUNNING') {
    throw problems.conflict(`Instance ${instanceId} is already over (${description.status.name.toLowerCase()}); there is nothing to cancel.`, {
      currentStatus: description.status.name.toLowerCase(),
    });
  }
  try {
    await handle.cancel();
  } catch (error) {
    // It ended between the two calls.
    if (error instanceof WorkflowNotFoundError) throw problems.conflict(`Instance ${instanceId} ended meanwhile; there is nothing to cancel.`);
    throw error;
  }
  // The inbox index knows the instance's open tasks (the store would read every task to find
  // them). One being changed right now is left to the workflow's own close.
  await inboxIndex.ready();
  let tasksCanceled = 0;
  for (const taskId of inboxIndex.openTasksOf(instanceId)) {
    if ((await closeTaskRecord({ taskId, state: 'canceled', by: canceledBy })) === 'closed') tasksCanceled += 1;
  }
  await MessageSubscriptionModel.deleteMany({ instanceId });
  await SignalSubscriptionModel.deleteMany({ instanceId });
  return { instanceId, status: 'canceling' as const, canceledBy, tasksCanceled };
}
