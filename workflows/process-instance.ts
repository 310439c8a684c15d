/**
 * The one interpreter workflow (DESIGN.md §2): runs the process graph it is given. Each
 * instance carries the graph of the version it started on, so a redeploy never changes it.
 * This file is the shell: handlers, the process scope, how the instance ends; scope.ts runs
 * scopes and engine.ts moves tokens.
 *
 * The instance ends when its process scope has no token left, when a terminate end event ends
 * that scope (the instance completes), when the workflow is canceled (the API's cancel: it ends
 * canceled) or when a token fails in a way no incident can hold (it fails). Every token is
 * canceled first, so each releases what it holds: user tasks are closed as canceled, message
 * and signal subscriptions removed, called instances canceled. A token that meets an incident
 * waits for the API to resolve it (see interpreter/incident.ts). An instance whose history has
 * grown long continues as new from its only token, carrying its state (bounded histories).
 */
import {
  ApplicationFailure,
  CancellationScope,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { HumanTaskActivities } from '../activities/contracts';
import {
  completeUserTaskUpdate,
  deliverMessageSignal,
  deliverSignalSignal,
  instanceStateQuery,
  resolveIncidentUpdate,
  type ContinuedState,
  type InstanceState,
  type RunProcessInput,
  type RunProcessResult,
} from './definitions';
import type { HumanTaskRegistry, InstanceRuntime, TokenStart } from './interpreter/context';
import { IncidentError, IncidentRegistry } from './interpreter/incident';
import { releaseMessageStartIfStartedByMessage, reserveReferenceIfUnnumbered } from './interpreter/instance-edges';
import { MessageRegistry } from './interpreter/messages';
import { runScope } from './interpreter/scope';
import { SignalRegistry } from './interpreter/signals';
import { VariableScope } from './interpreter/variables';

const { closeUserTask } = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '10 seconds', // short database writes: a dead worker's attempt is retried soon
});

/** Past this many history events an instance continues as new at its next quiet step (Temporal's hard limit is 50,000). */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;
/** How much of the path a continued instance keeps. */
const CONTINUED_PATH_STEPS = 100;

export async function runProcess(input: RunProcessInput): Promise<RunProcessResult> {
  const { graph, continued } = input;
  const state: InstanceState = { variables: { ...input.variables }, active: [], path: [...(continued?.path ?? [])] };
  const humanTasks: HumanTaskRegistry = { open: new Map(), completions: new Map(), beside: new Set() };
  const occurrences = new Map<string, number>(Object.entries(continued?.occurrences ?? {}));
  const timerProgress = new Map(Object.entries(continued?.timers ?? {}));
  const incidents = new IncidentRegistry(state);
  const processVariables = new VariableScope('process', state.variables);
  let continuation: ContinuedState | undefined;

  const runtime: InstanceRuntime = {
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
    messages: new MessageRegistry(),
    signals: new SignalRegistry(),
    incidents,
    hasParent: input.parent !== undefined,
    nextOccurrence: (elementId) => {
      const next = (occurrences.get(elementId) ?? 0) + 1;
      occurrences.set(elementId, next);
      return next;
    },
    continueAsNewIfDue: (next) => {
      // Only a lone token between two elements at the process level holds no state beyond
      // variables, counters and the process's listeners: nothing waits, no task is open, no
      // event subprocess runs. Its listeners (timers, messages, signals of the process's event
      // subprocesses) start again in the continuation, timers from where they were.
      if (continuation || state.active.length > 0 || graph.nodes[next.nodeId]?.scopeId !== undefined) return false;
      const info = workflowInfo();
      if (!info.continueAsNewSuggested && info.historyLength < (input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS)) return false;
      // Instances recorded before went on without continuing when the process had event subprocesses.
      if ((graph.eventSubProcessIds ?? []).length > 0 && !patched('continue-as-new-beside-event-subprocesses')) return false;
      continuation = {
        token: { nodeId: next.nodeId, ...(next.via ? { via: next.via } : {}) },
        occurrences: Object.fromEntries(occurrences),
        path: state.path.slice(-CONTINUED_PATH_STEPS),
        generation: (continued?.generation ?? 0) + 1,
      };
      return true;
    },
    abandonContinuation: () => {
      const given = continuation;
      continuation = undefined;
      return given ? { nodeId: given.token.nodeId, ...(given.token.via ? { via: given.token.via } : {}) } : undefined;
    },
    timerProgress,
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
  setHandler(
    resolveIncidentUpdate,
    (resolution) => {
      incidents.resolve(resolution);
      return { incidentId: resolution.incidentId, resolvedAt: new Date().toISOString() };
    },
    {
      validator: ({ incidentId, variables }) => {
        incidents.assertResolvable(incidentId);
        if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables))) throw new Error('variables must be an object');
      },
    },
  );
  setHandler(deliverMessageSignal, (delivery) => {
    runtime.messages.deliver(delivery);
  });
  setHandler(deliverSignalSignal, (delivery) => {
    runtime.signals.deliver(delivery);
  });

  await reserveReferenceIfUnnumbered(input, runtime, processVariables);

  const startNodeId = continued?.token.nodeId ?? input.startNodeId ?? graph.startNodeIds[0];
  if (startNodeId === undefined) throw ApplicationFailure.nonRetryable(`Process ${graph.processKey} has no start event`, 'InvalidGraph');
  const start: TokenStart = { nodeId: startNodeId, ...(continued?.token.via ? { via: continued.token.via } : {}) };

  let canceled: unknown;
  let failure: unknown;
  try {
    const end = await runScope(runtime, { variables: processVariables, starts: [start], eventSubProcessIds: graph.eventSubProcessIds ?? [] });
    if (end.terminatedBy !== undefined) state.terminatedBy = end.terminatedBy;
  } catch (error) {
    if (isCancellation(error)) canceled = error; // the workflow itself is canceled: its tokens were canceled too
    else failure = error;
  }
  // Agents must not keep working on tasks of an instance that is over (a backstop: each user
  // task closes its own record when canceled).
  if (humanTasks.open.size > 0) {
    await CancellationScope.nonCancellable(() => Promise.all([...humanTasks.open.keys()].map((taskId) => closeUserTask({ taskId, state: 'canceled' }))));
  }
  // Human-task side work still running (behaviors/user-task.ts): done before the instance ends or continues.
  if (humanTasks.beside.size > 0) await CancellationScope.nonCancellable(() => Promise.all(humanTasks.beside));
  if (!continuation) await releaseMessageStartIfStartedByMessage(input);
  if (canceled !== undefined) throw canceled;
  if (failure instanceof IncidentError) {
    throw ApplicationFailure.nonRetryable(failure.message, 'Incident', { elementId: failure.elementId, reason: failure.reason });
  }
  if (failure !== undefined) throw failure;
  if (continuation) {
    const timers = Object.fromEntries(timerProgress);
    const { businessKey } = runtime.instance;
    await continueAsNew<typeof runProcess>({
      ...input,
      ...(businessKey ? { businessKey } : {}),
      variables: state.variables,
      continued: { ...continuation, ...(timerProgress.size > 0 ? { timers } : {}) },
    });
  }
  return { variables: state.variables };
}
