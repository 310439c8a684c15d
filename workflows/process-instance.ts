/**
 * The one interpreter workflow (DESIGN.md §2): runs the process graph it is given. Each
 * instance carries the graph of the version it started on, so a redeploy never changes it.
 * This file is the shell: handlers, start, cancellation; the engine does the token flow.
 */
import { ApplicationFailure, CancellationScope, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../activities/contracts';
import {
  completeUserTaskUpdate,
  instanceStateQuery,
  type InstanceState,
  type RunProcessInput,
  type RunProcessResult,
} from './definitions';
import type { ExecutionContext, HumanTaskRegistry } from './interpreter/context';
import { runToken } from './interpreter/engine';
import { IncidentError } from './interpreter/incident';

const { closeUserTask } = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '30 seconds',
});

export async function runProcess(input: RunProcessInput): Promise<RunProcessResult> {
  const { graph } = input;
  const state: InstanceState = { variables: { ...input.variables }, active: [], path: [] };
  const humanTasks: HumanTaskRegistry = { open: new Map(), completions: new Map() };
  const occurrences = new Map<string, number>();
  const context: ExecutionContext = {
    graph,
    instance: {
      instanceId: workflowInfo().workflowId,
      processKey: graph.processKey,
      processVersion: input.processVersion,
      ...(input.businessKey ? { businessKey: input.businessKey } : {}),
      dataClassification: graph.dataClassification,
      ...(graph.aiProvider ? { aiProvider: graph.aiProvider } : {}),
    },
    externalTaskQueue: input.externalTaskQueue,
    state,
    humanTasks,
    nextOccurrence: (elementId) => {
      const next = (occurrences.get(elementId) ?? 0) + 1;
      occurrences.set(elementId, next);
      return next;
    },
  };

  setHandler(instanceStateQuery, () => state);
  setHandler(
    completeUserTaskUpdate,
    (completion) => {
      // Synchronous, so a second completion of the same task sees it gone in its validator.
      humanTasks.completions.set(completion.taskId, completion);
      return { taskId: completion.taskId, completedAt: new Date().toISOString() };
    },
    {
      validator: ({ taskId, variables }) => {
        if (!humanTasks.open.has(taskId) || humanTasks.completions.has(taskId)) throw new Error(`Task ${taskId} is not open`);
        if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new Error('variables must be an object');
      },
    },
  );

  const startNodeId = graph.startNodeIds[0];
  if (!startNodeId) throw ApplicationFailure.nonRetryable(`Process ${graph.processKey} has no start event`, 'InvalidGraph');
  try {
    await runToken(startNodeId, context);
  } catch (error) {
    if (isCancellation(error)) {
      // Agents must not keep working on tasks of a canceled instance.
      await CancellationScope.nonCancellable(() =>
        Promise.all([...humanTasks.open.keys()].map((taskId) => closeUserTask({ taskId, state: 'canceled' }))),
      );
      throw error;
    }
    if (error instanceof IncidentError) {
      throw ApplicationFailure.nonRetryable(error.message, 'Incident', { elementId: error.elementId, reason: error.reason });
    }
    throw error;
  }
  return { variables: state.variables };
}
