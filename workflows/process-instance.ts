/**
 * The one interpreter workflow (DESIGN.md §2): runs the process graph it is given. Each
 * instance carries the graph of the version it started on, so a redeploy never changes it.
 * This file is the shell: handlers, the instance's tokens, how it ends; the engine does the
 * token flow.
 *
 * Tokens all run in one cancellation scope. The instance ends when no token is left, when a
 * terminate end event cancels that scope (the instance completes), when the workflow is
 * canceled (the API's cancel: it ends canceled) or at the first incident (it fails). In the
 * last three cases every other token is canceled first, so each releases what it holds:
 * user tasks are closed as canceled, message subscriptions removed.
 */
import { ApplicationFailure, CancellationScope, condition, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../activities/contracts';
import {
  completeUserTaskUpdate,
  deliverMessageSignal,
  instanceStateQuery,
  type InstanceState,
  type RunProcessInput,
  type RunProcessResult,
} from './definitions';
import type { ExecutionContext, HumanTaskRegistry, TokenStart } from './interpreter/context';
import { runToken } from './interpreter/engine';
import { IncidentError } from './interpreter/incident';
import { JoinRegistry } from './interpreter/joins';
import { MessageRegistry } from './interpreter/messages';

const { closeUserTask } = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '10 seconds', // short database writes: a dead worker's attempt is retried soon
});

export async function runProcess(input: RunProcessInput): Promise<RunProcessResult> {
  const { graph } = input;
  const state: InstanceState = { variables: { ...input.variables }, active: [], path: [] };
  const humanTasks: HumanTaskRegistry = { open: new Map(), completions: new Map() };
  const messages = new MessageRegistry();
  const occurrences = new Map<string, number>();

  const tokensScope = new CancellationScope();
  const tokens = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const spawn = (start: TokenStart) => {
    const token: Promise<void> = tokensScope.run(() => runToken(start, context)).then(
      () => void tokens.delete(token),
      (error: unknown) => {
        tokens.delete(token);
        failures.push(error);
      },
    );
    tokens.add(token);
  };

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
    messages,
    joins: new JoinRegistry(),
    nextOccurrence: (elementId) => {
      const next = (occurrences.get(elementId) ?? 0) + 1;
      occurrences.set(elementId, next);
      return next;
    },
    spawn,
    terminate: (elementId) => {
      if (state.terminatedBy !== undefined) return;
      state.terminatedBy = elementId;
      tokensScope.cancel();
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
  setHandler(deliverMessageSignal, (delivery) => {
    messages.deliver(delivery);
  });

  const startNodeId = graph.startNodeIds[0];
  if (!startNodeId) throw ApplicationFailure.nonRetryable(`Process ${graph.processKey} has no start event`, 'InvalidGraph');
  spawn({ nodeId: startNodeId });

  let canceled: unknown;
  try {
    await condition(() => tokens.size === 0 || failures.length > 0);
  } catch (error) {
    if (!isCancellation(error)) throw error;
    canceled = error; // the workflow itself is canceled: its tokens are being canceled too
  }
  // Whatever ends the instance early, the other tokens are canceled and release what they hold.
  if (tokens.size > 0) {
    tokensScope.cancel();
    await CancellationScope.nonCancellable(() => condition(() => tokens.size === 0));
  }
  // Agents must not keep working on tasks of an instance that is over (a backstop: each user
  // task closes its own record when canceled).
  if (humanTasks.open.size > 0) {
    await CancellationScope.nonCancellable(() =>
      Promise.all([...humanTasks.open.keys()].map((taskId) => closeUserTask({ taskId, state: 'canceled' }))),
    );
  }
  if (canceled !== undefined) throw canceled;
  const failure = failures.find((error) => !isCancellation(error));
  if (failure instanceof IncidentError) {
    throw ApplicationFailure.nonRetryable(failure.message, 'Incident', { elementId: failure.elementId, reason: failure.reason });
  }
  if (failure !== undefined) throw failure;
  if (failures.length > 0 && state.terminatedBy === undefined) throw failures[0]; // canceled without a terminate: never expected
  return { variables: state.variables };
}
