/**
 * Canceling an instance: the workflow is canceled (its tokens release what they hold: user
 * tasks closed as canceled, message and signal subscriptions removed), and the instance's open task
 * records are closed here too, so inboxes are right at once. Both closes are idempotent.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { MessageSubscriptionModel, OPEN_TASK_STATES, SignalSubscriptionModel, TaskModel } from '../../platform/storage';
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
  const now = new Date();
  const closed = await TaskModel.updateMany(
    { instanceId, state: { $in: OPEN_TASK_STATES } },
    { $set: { state: 'canceled' }, $push: { history: { at: now, by: canceledBy, action: 'canceled' } } },
  );
  await MessageSubscriptionModel.deleteMany({ instanceId });
  await SignalSubscriptionModel.deleteMany({ instanceId });
  return { instanceId, status: 'canceling' as const, canceledBy, tasksCanceled: closed.modifiedCount };
}
