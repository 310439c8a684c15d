/**
 * Runs one scope: the process, a subprocess run or an event subprocess run. Its tokens run in
 * one cancellation scope; the scope ends when no token is left, when a terminate end event
 * ends it, or when a token fails. Meanwhile its event subprocesses listen (timer, message and
 * signal starts) or wait to be thrown to (error, escalation): an interrupting one cancels the
 * scope's tokens and runs in their place; a non-interrupting one runs alongside them.
 */
import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import type { TimerProgress } from '../definitions';
import type { ExecutionContext, EventOccurrence, InstanceRuntime, ScopeRuntime, TokenStart } from './context';
import { runToken } from './engine';
import { JoinRegistry } from './joins';
import { BpmnThrow } from './throws';
import { listenRepeatedly } from './triggers';
import { VariableScope } from './variables';

export interface ScopeSpec {
  /** The subprocess or event subprocess run; absent for the process scope. */
  elementId?: string;
  variables: VariableScope;
  starts: TokenStart[];
  eventSubProcessIds: readonly string[];
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
  /** Event subprocess listeners: withdrawn when the scope ends, and waited for, so their subscriptions are closed. */
  const listeners: Promise<void>[] = [];
  const failures: unknown[] = [];
  let terminatedBy: string | undefined;
  let interruption: { eventSubProcessId: string; occurred: EventOccurrence } | undefined;
  let interrupted = false;

  const track = (run: () => Promise<void>) => {
    const token: Promise<void> = tokensScope.run(run).then(
      () => void tokens.delete(token),
      (error: unknown) => {
        tokens.delete(token);
        // Canceled tokens (terminate, interruption, the scope itself canceled) just end.
        if (!isCancellation(error)) failures.push(error);
      },
    );
    tokens.add(token);
  };

  const scope: ScopeRuntime = {
    key: spec.variables.key,
    ...(spec.elementId !== undefined ? { elementId: spec.elementId } : {}),
    variables: spec.variables,
    ...(parent ? { parent } : {}),
    joins: new JoinRegistry(),
    active: new Set(),
    spawn: (start) => track(() => runToken(start, context)),
    terminate: (elementId) => {
      if (terminatedBy !== undefined) return;
      terminatedBy = elementId;
      tokensScope.cancel();
      listenersScope.cancel();
    },
    startEventSubProcess: (eventSubProcessId, occurred) => {
      // A non-interrupting event subprocess of the process starting just after the last token
      // decided to continue as new: the token goes on here instead, beside it.
      const resumed = parent === undefined ? runtime.abandonContinuation() : undefined;
      if (resumed) scope.spawn(resumed);
      track(() => runEventSubProcess(context, eventSubProcessId, occurred));
    },
  };
  const context: ExecutionContext = { ...runtime, scope };
  if (spec.elementId !== undefined) {
    (state.scopes ??= {})[scope.key] = { elementId: spec.elementId, parentKey: parent?.key ?? 'process', variables: spec.variables.local };
  }

  // Event subprocesses started by a timer, a message or a signal listen while the scope runs.
  for (const eventSubProcessId of spec.eventSubProcessIds) {
    const esp = graph.nodes[eventSubProcessId];
    const start = esp?.kind === 'eventSubProcess' ? graph.nodes[esp.startNodeId] : undefined;
    if (start?.kind !== 'startEvent' || !start.trigger || start.trigger.type === 'error' || start.trigger.type === 'escalation') continue;
    const trigger = start.trigger;
    // The process's timers go on across continuations (process-instance.ts carries them).
    let progress: TimerProgress | undefined;
    if (parent === undefined && trigger.type === 'timer') {
      progress = runtime.timerProgress.get(start.id) ?? { fired: 0 };
      runtime.timerProgress.set(start.id, progress);
    }
    const fire =
      start.interrupting === false
        ? (occurred: EventOccurrence) => scope.startEventSubProcess(eventSubProcessId, occurred)
        : (occurred: EventOccurrence) => {
            interruption ??= { eventSubProcessId, occurred };
          };
    const listener = listenersScope
      .run(() => listenRepeatedly(trigger, start.id, context, fire, undefined, progress))
      .catch((error: unknown) => {
        if (!isCancellation(error)) failures.push(error);
      });
    listeners.push(listener);
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
        // A continuation decided meanwhile is given up: the scope's tokens are canceled anyway.
        if (parent === undefined) runtime.abandonContinuation();
        tokensScope.cancel();
        listenersScope.cancel();
        await CancellationScope.nonCancellable(() => condition(() => tokens.size === 0));
        tokensScope = new CancellationScope();
        scope.startEventSubProcess(interruption.eventSubProcessId, interruption.occurred);
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

/** Runs an event subprocess of `context.scope` in a scope of its own, from its start event. */
async function runEventSubProcess(context: ExecutionContext, eventSubProcessId: string, occurred: EventOccurrence): Promise<void> {
  const esp = context.graph.nodes[eventSubProcessId];
  if (esp?.kind !== 'eventSubProcess') return;
  const key = `${eventSubProcessId}#${context.nextOccurrence(eventSubProcessId)}`;
  const variables = new VariableScope(key, {}, context.scope.variables);
  await runScope(context, { elementId: eventSubProcessId, variables, starts: [{ nodeId: esp.startNodeId, occurred }], eventSubProcessIds: [] }, context.scope);
}
