import { CancellationScope, condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../../../activities/contracts';
import type { UserTaskNode } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { applyMappings, resolveIdList } from '../feel';
import { applyResult } from './service-task';

const humanTaskActivities = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '10 seconds', // short database writes: a dead worker's attempt is retried soon
  // No maximumAttempts: retried until the database answers, as a human task must not be lost.
});

/** Task ids are derived, never random, so a retried activity never opens a second task. */
export function userTaskId(instanceId: string, elementId: string, occurrence: number): string {
  return `${instanceId}:${elementId}:${occurrence}`;
}

/**
 * Opens the task record, waits for the `completeUserTask` update, applies the agent's
 * variables (through output mappings when the task has them) and closes the record. Canceled
 * (interrupting boundary event, terminate end event, instance canceled), it closes the record
 * as canceled; the update validator then refuses the task, which is no longer open.
 */
export const userTask: Behavior<UserTaskNode> = async (node, context, token) => {
  const { state, humanTasks, instance } = context;
  const taskId = userTaskId(instance.instanceId, node.id, context.nextOccurrence(node.id));
  const local = { ...state.variables, ...applyMappings(node.inputs, state.variables, node.id) };
  const [assignee] = resolveIdList(node.assignee, local, node.id);
  const request = {
    taskId,
    instance: { ...instance, elementId: node.id },
    name: node.name ?? node.id,
    ...(assignee ? { assignee } : {}),
    candidateGroups: resolveIdList(node.candidateGroups, local, node.id),
    candidateUsers: resolveIdList(node.candidateUsers, local, node.id),
    ...(node.form ? { form: node.form } : {}),
    variables: local,
  };
  // Open from now on for the update validator: the agent may see the record (and complete it)
  // before this workflow hears that the activity that wrote it finished (a worker may die in
  // between, and the activity then runs again after its timeout).
  humanTasks.open.set(taskId, { elementId: node.id });
  token.active.taskId = taskId;
  // Not cancellable: once asked for, the record exists, and the close below must follow it.
  await CancellationScope.nonCancellable(() => humanTaskActivities.openUserTask(request));

  try {
    await condition(() => humanTasks.completions.has(taskId));
  } catch (error) {
    if (isCancellation(error)) {
      humanTasks.open.delete(taskId);
      humanTasks.completions.delete(taskId);
      await CancellationScope.nonCancellable(() => humanTaskActivities.closeUserTask({ taskId, state: 'canceled' }));
    }
    throw error;
  }
  const completion = humanTasks.completions.get(taskId)!;
  humanTasks.open.delete(taskId);
  humanTasks.completions.delete(taskId);
  applyResult(node, completion.variables, context);
  await CancellationScope.nonCancellable(() =>
    humanTaskActivities.closeUserTask({ taskId, state: 'completed', by: completion.completedBy, result: completion.variables }),
  );
  return node.outgoing;
};
