/**
 * Completing a task (DESIGN.md §4): check who acts, the revision they saw and the form, win the
 * task's revision (so a concurrent claim, delegation or second completion loses with 409), send
 * the `completeUserTask` Update to the instance, whose validator refuses a task that is not
 * open, then close the record.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { updateTask } from '../../platform/storage';
import { completeUserTaskUpdate } from '../../workflows/definitions';
import type { CurrentUser } from '../auth/current-user';
import { taskFormOf } from '../forms/task-form';
import { validateSubmission } from '../forms/validate-submission';
import { HttpProblem, problems } from '../problems';
import { arbitrate } from './change-assignee';
import { assertOpen, loadTask } from './load-task';
import { presentTask } from './present-task';
import { assertRevision } from './revision';
import { canWork } from './task-access';

export async function completeTask(client: Client, user: CurrentUser, taskId: string, variables: Record<string, unknown>, expectedRevision?: number) {
  const task = await loadTask(taskId);
  assertOpen(task, 'completed');
  if (!canWork(user, task)) {
    throw problems.forbidden(
      task.assignee
        ? `Task ${taskId} is assigned to ${task.assignee}; only they can complete it.`
        : `Task ${taskId} is for ${[...task.candidateGroups, ...task.candidateUsers].join(', ') || 'nobody yet'}; you are not among its candidates.`,
    );
  }
  assertRevision(task, expectedRevision);
  const form = await taskFormOf(task);
  const errors = form ? validateSubmission(form.schema, variables) : [];
  if (errors.length > 0) {
    throw new HttpProblem(
      400,
      'invalid-form',
      'The form is not filled in correctly',
      `Correct these fields and submit again; nothing was sent: ${errors.map((error) => error.message.en).join(' ')}`,
      { errors },
    );
  }
  const revision = await arbitrate(task, 'completed', user.username, task.assignee ?? user.username);
  try {
    await client.workflow.getHandle(task.instanceId).executeUpdate(completeUserTaskUpdate, { args: [{ taskId, variables, completedBy: user.username }] });
  } catch (error) {
    // The revision was won for nothing: move the record past it, so the next change can win the next one.
    await updateTask(taskId, { $set: { revision: revision + 1 } });
    if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
      const current = await loadTask(taskId);
      throw problems.conflict(`Task ${taskId} is no longer open in its instance (${current.state}); nothing was changed. Refresh your inbox.`, {
        currentState: presentTask(current),
      });
    }
    throw error;
  }
  // The workflow closes the record too (durably); closing it here makes the answer current. The
  // workflow took the completion, so the task is completed whatever the record says now: no
  // second read to check it is open (each read scans the tasks table on FerretDB).
  const now = new Date();
  await updateTask(taskId, {
    $set: { state: 'completed', assignee: task.assignee ?? user.username, completedBy: user.username, completedAt: now, result: variables, revision: revision + 1 },
    $push: { history: { at: now, by: user.username, action: 'completed' } },
  });
  return presentTask(await loadTask(taskId));
}
