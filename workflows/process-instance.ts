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
 * grown long freezes once every token is parked and continues as new, carrying every scope
 * (bounded histories, see interpreter/parking.ts).
 */
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  log,
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
import type { HumanTaskRegistry, InstanceRuntime, ScopeSnapshotSlot, TokenStart } from './interpreter/context';
import { IncidentError, IncidentRegistry } from './interpreter/incident';
import { releaseMessageStartIfStartedByMessage, reserveReferenceIfUnnumbered } from './interpreter/instance-edges';
import { MessageRegistry } from './interpreter/messages';
import { carriedWaits, Parking, type ParkedListener, type ParkedScope, type ParkedWait } from './interpreter/parking';
import { runScope } from './interpreter/scope';
import { SignalRegistry } from './interpreter/signals';
import { VariableScope } from './interpreter/variables';

const { closeUserTask } = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '10 seconds', // short database writes: a dead worker's attempt is retried soon
});

/** Past this many history events an instance continues as new once every token is parked (Temporal's hard limit is 50,000). */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;
/** How much of the path a continued instance keeps. */
const CONTINUED_PATH_STEPS = 100;

/** Since this patch, instances continue as new from any parked shape (before: only from a lone token at the process level). */
const CONTINUE_FROM_ANY_SHAPE = 'continue-as-new-from-any-parked-shape';
/**
 * Past this many events a token about to take a step waits for every other token to be parked
 * (a multi-instance activity or a called process is not), so that a loop beside one cannot
 * take the history to Temporal's limit of 50,000; the instance then continues as new.
 */
const STOP_STEPS_AFTER_EVENTS = 40_000;
const STOP_STEPS_NEAR_LIMIT = 'stop-steps-near-the-history-limit';
const STOP_STEPS_WAIT = '10 minutes';

/** The process scope to take up: carried whole, or (runs continued before) one token and the process's timers. */
function continuedProcessScope(continued: ContinuedState | undefined): ParkedScope | undefined {
  if (!continued) return undefined;
  if (continued.scope) return continued.scope;
  const listeners: Record<string, ParkedListener> = {};
  for (const [startId, progress] of Object.entries(continued.timers ?? {})) listeners[startId] = { kind: 'timer', ...progress };
  return { key: 'process', variables: {}, tokens: continued.token ? [continued.token] : [], eventSubProcesses: [], joins: {}, listeners };
}

/**
 * Reopens what the previous run left open, before the handlers are set: the first activation's
 * messages, signals, task completions and incident resolutions are handed to the handlers as
 * they are set, and must find their subscription, task or incident. Message subscriptions
 * reopen in the order they were opened (the oldest gets a message first).
 */
function reopenCarriedWaits(scope: ParkedScope, order: readonly string[], runtime: InstanceRuntime): void {
  const carried = [...carriedWaits(scope)];
  const rank = (wait: ParkedWait) => (wait.kind === 'message' ? order.indexOf(wait.subscriptionId) : -1);
  carried.sort((a, b) => rank(a.wait) - rank(b.wait));
  for (const { elementId, wait } of carried) {
    if (wait.kind === 'message') {
      const subscription = runtime.messages.open(wait.subscriptionId, wait.name, wait.correlationKey);
      if (wait.delivery) subscription.delivery = wait.delivery;
      if (wait.backlog) subscription.backlog = [...wait.backlog];
    }
    if (wait.kind === 'signal') {
      const subscription = runtime.signals.open(wait.subscriptionId, wait.name);
      if (wait.delivery) subscription.delivery = wait.delivery;
      if (wait.backlog) subscription.backlog = [...wait.backlog];
    }
    if (wait.kind === 'userTask') runtime.humanTasks.open.set(wait.taskId, { elementId });
    if (wait.kind === 'incident') runtime.incidents.reopen(wait.incident, wait.resolution);
  }
}

export async function runProcess(input: RunProcessInput): Promise<RunProcessResult> {
  const { graph, continued } = input;
  const state: InstanceState = { variables: { ...input.variables }, active: [], path: [...(continued?.path ?? [])] };
  const humanTasks: HumanTaskRegistry = {
    open: new Map(),
    completions: new Map((continued?.completions ?? []).map((completion) => [completion.taskId, completion])),
    beside: new Set(),
  };
  const occurrences = new Map<string, number>(Object.entries(continued?.occurrences ?? {}));
  const parking = new Parking();
  const incidents = new IncidentRegistry(state, parking, continued?.incidentsCreated);
  const processVariables = new VariableScope('process', state.variables);
  const processScope: ScopeSnapshotSlot = {};

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
    messages: new MessageRegistry(continued?.undeliveredMessages),
    signals: new SignalRegistry(continued?.signalsDelivered),
    incidents,
    hasParent: input.parent !== undefined,
    nextOccurrence: (elementId) => {
      const next = (occurrences.get(elementId) ?? 0) + 1;
      occurrences.set(elementId, next);
      return next;
    },
    continueAsNewIfDue: (next, handle, scope) => {
      // An event that already occurred at `next` is not carried: such a token is never parked.
      const park = () => (handle.describe = () => (next.occurred ? undefined : { nodeId: next.nodeId, ...(next.via ? { via: next.via } : {}) }));
      // No step once frozen (the snapshot tells whether this token can be carried).
      if (parking.isFrozen) {
        park();
        return parking.hold();
      }
      if (next.occurred) return undefined;
      const { historyLength, continueAsNewSuggested } = workflowInfo();
      if (!continueAsNewSuggested && historyLength < (input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS)) return undefined;
      park();
      const everyTokenParked = () => processScope.snapshot?.() !== undefined;
      if (everyTokenParked() && patched(CONTINUE_FROM_ANY_SHAPE)) {
        parking.freeze();
        return parking.hold();
      }
      // Not inside a multi-instance activity: its runs are not carried, so it would wait for itself.
      if (scope.carried && historyLength >= (input.stopStepsAfterEvents ?? STOP_STEPS_AFTER_EVENTS) && patched(STOP_STEPS_NEAR_LIMIT)) {
        // Near the hard limit: this token waits, parked, until every other token is too (a task
        // done, a called process over), rather than let the history grow to its end. Frozen
        // within the check itself, so that tokens woken in the same workflow task hold too. At
        // most 10 minutes at a time: a token that waits for this one's next step gets it.
        const freezeIfEveryTokenParked = () => {
          if (!parking.isFrozen && everyTokenParked()) parking.freeze();
          return parking.isFrozen;
        };
        return condition(freezeIfEveryTokenParked, STOP_STEPS_WAIT).then((frozen) => (frozen ? parking.hold() : undefined));
      }
      delete handle.describe;
      return undefined;
    },
    parking,
    resumedSteps: new Set(),
  };
  const resume = continuedProcessScope(continued);
  if (resume) reopenCarriedWaits(resume, continued?.messageOrder ?? [], runtime);

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

  const startNodeId = input.startNodeId ?? graph.startNodeIds[0];
  if (!resume && startNodeId === undefined) throw ApplicationFailure.nonRetryable(`Process ${graph.processKey} has no start event`, 'InvalidGraph');
  const starts: TokenStart[] = resume || startNodeId === undefined ? [] : [{ nodeId: startNodeId }];

  let settled = false;
  const run = runScope(runtime, {
    variables: processVariables,
    starts,
    eventSubProcessIds: graph.eventSubProcessIds ?? [],
    snapshotSlot: processScope,
    ...(resume ? { resume } : {}),
  });
  void run.then(
    () => (settled = true),
    () => (settled = true),
  );
  // Not cancellable: a canceled instance's tokens are canceled with it, and the run settles.
  while (!settled) {
    await CancellationScope.nonCancellable(() => condition(() => settled || parking.isFrozen));
    if (settled) break;
    // Frozen: every token is parked. Side work first, then the continuation, unless the
    // instance was canceled meanwhile (its tokens then release what they hold, as always).
    if (humanTasks.beside.size > 0) await CancellationScope.nonCancellable(() => Promise.all(humanTasks.beside));
    const snapshot = CancellationScope.current().consideredCancelled ? undefined : processScope.snapshot?.();
    if (snapshot) await continueWithSnapshot(input, runtime, snapshot, occurrences);
    // Canceled meanwhile, or a token no longer parked (not expected): the tokens go on here.
    if (!CancellationScope.current().consideredCancelled) log.warn('The instance could not continue as new; its tokens go on in this run', { instanceId: runtime.instance.instanceId });
    parking.thaw();
  }

  let canceled: unknown;
  let failure: unknown;
  try {
    const end = await run;
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
  // Human-task side work still running (behaviors/user-task.ts): done before the instance ends.
  if (humanTasks.beside.size > 0) await CancellationScope.nonCancellable(() => Promise.all(humanTasks.beside));
  await releaseMessageStartIfStartedByMessage(input);
  if (canceled !== undefined) throw canceled;
  if (failure instanceof IncidentError) {
    throw ApplicationFailure.nonRetryable(failure.message, 'Incident', { elementId: failure.elementId, reason: failure.reason });
  }
  if (failure !== undefined) throw failure;
  return { variables: state.variables };
}

/** Continues the frozen instance as new, carrying every scope as it stands now (what arrived while frozen included). */
async function continueWithSnapshot(input: RunProcessInput, runtime: InstanceRuntime, snapshot: ParkedScope, occurrences: Map<string, number>): Promise<never> {
  const { state, humanTasks } = runtime;
  const recent = state.path.length - CONTINUED_PATH_STEPS;
  const completions = [...humanTasks.completions.values()];
  const undeliveredMessages = runtime.messages.keptMessages();
  const { businessKey } = runtime.instance;
  return continueAsNew<typeof runProcess>({
    ...input,
    ...(businessKey ? { businessKey } : {}),
    variables: state.variables,
    continued: {
      // The process scope's variables travel once, as the input's.
      scope: { ...snapshot, variables: {} },
      occurrences: Object.fromEntries(occurrences),
      // The last steps, and every step a parked token is in, however old.
      path: state.path.filter((step, index) => index >= recent || step.leftAt === undefined),
      generation: (input.continued?.generation ?? 0) + 1,
      ...(completions.length > 0 ? { completions } : {}),
      ...(undeliveredMessages.length > 0 ? { undeliveredMessages } : {}),
      ...(runtime.incidents.count > 0 ? { incidentsCreated: runtime.incidents.count } : {}),
      messageOrder: runtime.messages.subscriptionOrder(),
      signalsDelivered: runtime.signals.recentlyDelivered(),
    },
  });
}
