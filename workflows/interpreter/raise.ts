/** Throwing a BPMN error or escalation from a token: to its catcher, or what happens when none catches it. */
import { ApplicationFailure } from '@temporalio/workflow';
import type { EventOccurrence, ExecutionContext, ScopeRuntime } from './context';
import { IncidentError } from './incident';
import { BpmnThrow, catcherFor, type Thrown } from './throws';

/** The failure type an instance started by a call activity ends with when it throws an error nothing in it catches. */
export const BPMN_ERROR_FAILURE = 'BpmnError';

/** The running scope of `elementId` (a subprocess or event subprocess; undefined: the process) around `scope`. */
function scopeOf(scope: ScopeRuntime, elementId: string | undefined): ScopeRuntime {
  let current: ScopeRuntime = scope;
  while (current.elementId !== elementId && current.parent) current = current.parent;
  return current;
}

/**
 * Throws a BPMN error to its catcher (error catchers always interrupt: the compiler refuses
 * non-interrupting ones). Uncaught, it is an incident at the thrower, or, in an instance a call
 * activity started, the instance's failure, for the call activity to catch.
 */
export function throwBpmnError(context: ExecutionContext, error: Omit<Thrown, 'type'>): never {
  const thrown: Thrown = { ...error, type: 'error' };
  const catcher = catcherFor(context.graph, thrown);
  if (catcher) throw new BpmnThrow(thrown, catcher);
  if (context.hasParent) {
    throw ApplicationFailure.nonRetryable(`BPMN error ${thrown.code} thrown at ${thrown.elementId} is not caught in the called process`, BPMN_ERROR_FAILURE, {
      errorCode: thrown.code,
      ...(thrown.message ? { errorMessage: thrown.message } : {}),
    });
  }
  throw new IncidentError(thrown.elementId, `BPMN error "${thrown.code}" is not caught by any error boundary event or event subprocess`);
}

/**
 * Throws an escalation. An interrupting catcher: a `BpmnThrow` exception travels to it. A
 * non-interrupting one starts a token and the thrower goes on. None: nothing changes.
 */
export function escalate(context: ExecutionContext, escalation: Omit<Thrown, 'type'>): void {
  const thrown: Thrown = { ...escalation, type: 'escalation' };
  const catcher = catcherFor(context.graph, thrown);
  if (!catcher) return;
  if (catcher.interrupting) throw new BpmnThrow(thrown, catcher);
  const occurred: EventOccurrence = { type: thrown.type, thrown };
  if (catcher.kind === 'eventSubProcess') {
    scopeOf(context.scope, catcher.ownerId).startEventSubProcess(catcher.nodeId, occurred);
    return;
  }
  const host = context.graph.nodes[catcher.ownerId ?? ''];
  scopeOf(context.scope, host?.scopeId).spawn({ nodeId: catcher.nodeId, occurred });
}
