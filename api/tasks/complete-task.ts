/**
 * Completing a task (DESIGN.md §4): check who acts, send the `completeUserTask` Update to the
 * instance, whose validator refuses a task that is not open, then close the record.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { OPEN_TASK_STATES, TaskModel } from '../../platform/storage';
import { completeUserTaskUpdate } from '../../workflows/definitions';
import type { CurrentUser } from '../auth/current-user';
import { problems } from '../problems';
import { assertOpen, loadTask } from './load-task';
import { presentTask } from './present-task';
import { canWork } from './task-access';

export async function completeTask(client: Client, user: CurrentUser, taskId: string, variables: Record<string, unknown>) {
  const task = await loadTask(taskId);
  assertOpen(task, 'completed');
  if (!canWork(user, task)) {
    throw problems.forbidden(
      task.assignee
        ? `Task ${taskId} is assigned to ${task.assignee}; only they can complete it.`
        : `Task ${taskId} is for ${[...task.candidateGroups, ...task.candidateUsers].join(', ') || 'nobody yet'}; you are not among its candidates.`,
    );
  }
  try {
    await client.workflow.getHandle(task.instanceId).executeUpdate(completeUserTaskUpdate, { args: [{ taskId, variables, completedBy: user.username }] });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
      const current = await loadTask(taskId);
      throw problems.conflict(`Task ${taskId} is no longer open in its instance (${current.state}); nothing was changed. Refresh your inbox.`, {
        currentState: presentTask(current),
      });
    }
    throw error;
  }
  // The workflow closes the record too (durably); closing it here makes the answer current.
  const now = new Date();
  await TaskModel.updateOne(
    { _id: taskId, state: { $in: OPEN_TASK_STATES } },
    {
      $set: { state: 'completed', assignee: task.assignee ?? user.username, completedBy: user.username, completedAt: now, result: variables },
      $push: { history: { at: now, by: user.username, action: 'completed' } },
    },
  );
  return presentTask(await loadTask(taskId));
}
