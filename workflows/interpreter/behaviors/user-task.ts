import { condition, proxyActivities } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../../../activities/contracts';
import type { UserTaskNode } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { applyMappings, resolveIdList } from '../feel';
import { applyResult } from './service-task';

const humanTaskActivities = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '30 seconds',
  // No maximumAttempts: retried until the database answers, as a human task must not be lost.
});

/** Task ids are derived, never random, so a retried activity never opens a second task. */
export function userTaskId(instanceId: string, elementId: string, occurrence: number): string {
  return `${instanceId}:${elementId}:${occurrence}`;
}

/**
 * Opens the task record, waits for the `completeUserTask` update, applies the agent's
 * variables (through output mappings when the task has them) and closes the record.
 */
export const userTask: Behavior<UserTaskNode> = async (node, context) => {
  const { state, humanTasks, instance } = context;
  const taskId = userTaskId(instance.instanceId, node.id, context.nextOccurrence(node.id));
  const local = { ...state.variables, ...applyMappings(node.inputs, state.variables, node.id) };
  const [assignee] = resolveIdList(node.assignee, local, node.id);
  await humanTaskActivities.openUserTask({
    taskId,
    instance: { ...instance, elementId: node.id },
    name: node.name ?? node.id,
    ...(assignee ? { assignee } : {}),
    candidateGroups: resolveIdList(node.candidateGroups, local, node.id),
    candidateUsers: resolveIdList(node.candidateUsers, local, node.id),
    ...(node.form ? { form: node.form } : {}),
    variables: local,
  });
  humanTasks.open.set(taskId, { elementId: node.id });
  const active = state.active.find((a) => a.elementId === node.id && a.taskId === undefined);
  if (active) active.taskId = taskId;

  await condition(() => humanTasks.completions.has(taskId));
  const completion = humanTasks.completions.get(taskId)!;
  humanTasks.open.delete(taskId);
  humanTasks.completions.delete(taskId);
  applyResult(node, completion.variables, context);
  await humanTaskActivities.closeUserTask({ taskId, state: 'completed', by: completion.completedBy, result: completion.variables });
  return node.outgoing;
};
