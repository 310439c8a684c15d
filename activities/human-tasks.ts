/**
 * The worker's side of the human-task protocol (DESIGN.md §4): open the task record when a
 * token reaches a user task, close it when the workflow has taken the completion (or was
 * canceled). Both are idempotent, since Temporal retries activities.
 */
import { insertOnce, OPEN_TASK_STATES, TaskModel } from '../platform/storage';
import type { CloseUserTaskRequest, OpenUserTaskRequest } from './contracts';

export async function openUserTask(request: OpenUserTaskRequest): Promise<void> {
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
    variables: request.variables,
    form: request.form ?? null,
    history: [{ at: new Date(), by: null, action: 'created' }],
  });
}

export async function closeUserTask(request: CloseUserTaskRequest): Promise<void> {
  const now = new Date();
  await TaskModel.updateOne(
    { _id: request.taskId, state: { $in: OPEN_TASK_STATES } },
    {
      $set: {
        state: request.state,
        ...(request.state === 'completed' ? { completedBy: request.by ?? null, completedAt: now, result: request.result ?? {} } : {}),
      },
      $push: { history: { at: now, by: request.by ?? null, action: request.state } },
    },
  );
}
