/**
 * Runs one scope: the process, a subprocess run or an event subprocess run. Its tokens run in
 * one cancellation scope; the scope ends when no token is left, when a terminate end event
 * ends it, or when a token fails. Meanwhile its event subprocesses listen (timer, message and
 * signal starts) or wait to be thrown to (error, escalation): an interrupting one cancels the
 * scope's tokens and runs in their place; a non-interrupting one runs alongside them.
 * A scope offers a snapshot of itself while every token in it is parked (parking.ts), and a
 * continued instance's scopes start again from their snapshots.
 */
import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import type { ExecutionContext, EventOccurrence, InstanceRuntime, ScopeRuntime, ScopeSnapshotSlot, TokenHandle, TokenStart } from './context';
import { runToken } from './engine';
import { JoinRegistry } from './joins';
import { isParkedListener, type ParkedListener, type ParkedScope, type ParkSlot } from './parking';
import { BpmnThrow } from './throws';
import { listenRepeatedly } from './triggers';
import { VariableScope } from './variables';

export interface ScopeSpec {
  /** The subprocess or event subprocess run; absent for the process scope. */
  elementId?: string;
  variables: VariableScope;
  starts: TokenStart[];
  eventSubProcessIds: readonly string[];
  /** The scope as the previous run left it (a continued instance): its tokens, joins and listeners go on from there. */
  resume?: ParkedScope;
  /** Where the scope offers its snapshot while it runs. */
  snapshotSlot?: ScopeSnapshotSlot;
}

/** An event subprocess running in the scope, as the continuation sees it. */
interface EventSubProcessRun {
  eventSubProcessId: string;
  inner: ScopeSnapshotSlot;
}

export interface ScopeEnd {
  /** The terminate end event that ended the scope, if one did. */
  terminatedBy?: string;
}

export async function runScope(runtime: InstanceRuntime, spec: ScopeSpec, parent?: ScopeRuntime): Promise<ScopeEnd> {
  const { graph, state } = runtime;
  let tokensScope = new CancellationScope();
  const listenersScope = new CancellationScope();
  const tokens = new Set<Promise<void>>();
  /** The same tokens, as the continuation sees them; event subprocess runs apart. */
  const handles = new Set<TokenHandle>();
  const eventSubProcessRuns = new Set<EventSubProcessRun>();
  const listenerSlots = new Map<string, ParkSlot>();
  /** Event subprocess listeners: withdrawn when the scope ends, and waited for, so their subscriptions are closed. */
  const listeners: Promise<void>[] = [];
  const failures: unknown[] = [];
  let terminatedBy: string | undefined;
  let interruption: { eventSubProcessId: string; occurred: EventOccurrence } | undefined;
  let interrupted = spec.resume?.interrupted === true;
  /** From an interruption until its event subprocess runs, while the scope's tokens are canceled. */
  let changingHands = false;

  const track = (run: () => Promise<void>, untrack: () => void) => {
    const token: Promise<void> = tokensScope.run(run).then(
      () => {
        tokens.delete(token);
        untrack();
      },
      (error: unknown) => {
        tokens.delete(token);
        untrack();
        // Canceled tokens (terminate, interruption, the scope itself canceled) just end.
        if (!isCancellation(error)) failures.push(error);
      },
    );
    tokens.add(token);
  };
  const runEventSubProcessHere = (eventSubProcessId: string, occurred: EventOccurrence | undefined, resume?: ParkedScope) => {
    const run: EventSubProcessRun = { eventSubProcessId, inner: {} };
    eventSubProcessRuns.add(run);
    track(
      () => runEventSubProcess(context, eventSubProcessId, occurred, run.inner, resume),
      () => eventSubProcessRuns.delete(run),
    );
  };

  const scope: ScopeRuntime = {
    key: spec.variables.key,
    ...(spec.elementId !== undefined ? { elementId: spec.elementId } : {}),
    variables: spec.variables,
    ...(parent ? { parent } : {}),
    joins: new JoinRegistry(runtime.parking),
    active: new Set(),
    carried: parent?.carried ?? true,
    spawn: (start) => {
      const handle: TokenHandle = {};
      handles.add(handle);
      track(
        () => runToken(start, context, handle),
        () => handles.delete(handle),
      );
    },
    terminate: (elementId) => {
      if (terminatedBy !== undefined) return;
      terminatedBy = elementId;
      tokensScope.cancel();
      listenersScope.cancel();
    },
    startEventSubProcess: (eventSubProcessId, occurred) => runEventSubProcessHere(eventSubProcessId, occurred),
    snapshot: () => {
      // A scope that is ending, failing or changing hands is not parked.
      if (tokens.size === 0 || failures.length > 0 || terminatedBy !== undefined || (interruption !== undefined && !interrupted) || changingHands) return undefined;
      const parked: ParkedScope = { key: scope.key, variables: spec.variables.local, tokens: [], eventSubProcesses: [], joins: scope.joins.snapshot(), listeners: {} };
      for (const handle of handles) {
        const token = handle.describe?.();
        if (!token) return undefined;
        parked.tokens.push(token);
      }
      for (const run of eventSubProcessRuns) {
        const inner = run.inner.snapshot?.();
        if (!inner) return undefined;
        parked.eventSubProcesses.push({ eventSubProcessId: run.eventSubProcessId, scope: inner });
      }
      for (const [startId, slot] of listenerSlots) {
        const listener = slot.describe?.();
        if (!isParkedListener(listener)) return undefined;
        parked.listeners[startId] = listener;
      }
      if (interrupted) parked.interrupted = true;
      return parked;
    },
  };
  const context: ExecutionContext = { ...runtime, scope };
  if (spec.snapshotSlot) spec.snapshotSlot.snapshot = scope.snapshot;
  if (spec.elementId !== undefined) {
    (state.scopes ??= {})[scope.key] = { elementId: spec.elementId, parentKey: parent?.key ?? 'process', variables: spec.variables.local };
  }

  // Event subprocesses started by a timer, a message or a signal listen while the scope runs
  // (unless an interrupting one took over before the instance continued as new).
  for (const eventSubProcessId of interrupted ? [] : spec.eventSubProcessIds) {
    const esp = graph.nodes[eventSubProcessId];
    const start = esp?.kind === 'eventSubProcess' ? graph.nodes[esp.startNodeId] : undefined;
    if (start?.kind !== 'startEvent' || !start.trigger || start.trigger.type === 'error' || start.trigger.type === 'escalation') continue;
    const trigger = start.trigger;
    const slot: ParkSlot = {};
    listenerSlots.set(start.id, slot);
    const resume: ParkedListener | undefined = spec.resume?.listeners[start.id];
    const fire =
      start.interrupting === false
        ? (occurred: EventOccurrence) => scope.startEventSubProcess(eventSubProcessId, occurred)
        : (occurred: EventOccurrence) => {
            interruption ??= { eventSubProcessId, occurred };
          };
    const listener = listenersScope
      .run(() => listenRepeatedly(trigger, start.id, context, fire, { parking: { slot, ...(resume ? { resume } : {}) } }))
      .catch((error: unknown) => {
        if (!isCancellation(error)) failures.push(error);
      });
    listeners.push(listener);
  }

  if (spec.resume) {
    const { tokens: parkedTokens, eventSubProcesses } = spec.resume;
    scope.joins.restore(spec.resume.joins);
    // Tokens waiting at a join first: each takes up its wave before another token can complete it.
    const atJoins = parkedTokens.filter((token) => token.wait?.kind === 'join');
    for (const token of [...atJoins, ...parkedTokens.filter((token) => token.wait?.kind !== 'join')]) {
      scope.spawn({ nodeId: token.nodeId, ...(token.via ? { via: token.via } : {}), ...(token.since ? { resume: token } : {}) });
    }
    for (const run of eventSubProcesses) runEventSubProcessHere(run.eventSubProcessId, undefined, run.scope);
  }
  for (const start of spec.starts) scope.spawn(start);

  try {
    for (;;) {
      await condition(() => tokens.size === 0 || failures.length > 0 || (interruption !== undefined && !interrupted));
      // An error or escalation thrown inside, on its way to one of this scope's event subprocesses.
      const caughtIndex = failures.findIndex((f) => f instanceof BpmnThrow && f.catcher.kind === 'eventSubProcess' && spec.eventSubProcessIds.includes(f.catcher.nodeId));
      if (caughtIndex >= 0 && !interrupted) {
        const caught = failures.splice(caughtIndex, 1)[0] as BpmnThrow;
        interruption ??= { eventSubProcessId: caught.catcher.nodeId, occurred: { type: caught.thrown.type, thrown: caught.thrown } };
      }
      if (interruption && !interrupted && failures.length === 0) {
        // Interrupting: every token of the scope is canceled (releasing what it holds), the
        // other event subprocesses stop listening, and the event subprocess runs instead.
        interrupted = true;
        changingHands = true;
        tokensScope.cancel();
        listenersScope.cancel();
        listenerSlots.clear(); // they listen no more, and are not carried
        await CancellationScope.nonCancellable(() => condition(() => tokens.size === 0));
        tokensScope = new CancellationScope();
        scope.startEventSubProcess(interruption.eventSubProcessId, interruption.occurred);
        changingHands = false;
        continue;
      }
      if (failures.length > 0) throw failures[0];
      return terminatedBy !== undefined ? { terminatedBy } : {};
    }
  } finally {
    // Whatever ends the scope early (a failure, the scope itself canceled), its tokens are
    // canceled and release what they hold before the scope is gone.
    listenersScope.cancel();
    // Patched: instances recorded before this ended without waiting, leaving the subscription record behind.
    if (listeners.length > 0 && patched('wait-for-event-subprocess-listeners')) await CancellationScope.nonCancellable(() => Promise.all(listeners));
    if (tokens.size > 0) {
      tokensScope.cancel();
      await CancellationScope.nonCancellable(() => condition(() => tokens.size === 0));
    }
    if (spec.elementId !== undefined) delete state.scopes?.[scope.key];
  }
}

/** Runs an event subprocess of `context.scope` in a scope of its own, from its start event (or from where the previous run left it). */
async function runEventSubProcess(context: ExecutionContext, eventSubProcessId: string, occurred: EventOccurrence | undefined, inner: ScopeSnapshotSlot, resume?: ParkedScope): Promise<void> {
  const esp = context.graph.nodes[eventSubProcessId];
  if (esp?.kind !== 'eventSubProcess') return;
  const key = resume?.key ?? `${eventSubProcessId}#${context.nextOccurrence(eventSubProcessId)}`;
  const variables = new VariableScope(key, resume?.variables ?? {}, context.scope.variables);
  const starts: TokenStart[] = resume ? [] : [{ nodeId: esp.startNodeId, ...(occurred ? { occurred } : {}) }];
  await runScope(context, { elementId: eventSubProcessId, variables, starts, eventSubProcessIds: [], snapshotSlot: inner, ...(resume ? { resume } : {}) }, context.scope);
}
