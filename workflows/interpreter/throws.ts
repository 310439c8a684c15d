/**
 * BPMN errors and escalations: where a throw is caught. The catcher is found on the graph when
 * the throw happens (it only depends on where the thrower sits), then the throw travels up as
 * a `BpmnThrow` exception through the scopes between the thrower and the catcher, which cancel
 * their tokens on the way (BPMN: an interrupting catch ends everything inside the catching
 * scope). A non-interrupting escalation catch does not travel: the catcher just starts a token.
 *
 * Search order, innermost first, as Camunda 8 does: the boundary events of the throwing
 * activity itself (a job that reported a BPMN error, a call activity whose child threw), then
 * the event subprocesses of the scope the thrower is in, then the boundary events of that
 * scope's subprocess, then the next scope out. At each level an exact code wins over a
 * catch-all (an event without code).
 */
import type { EventTrigger, GraphNode, ProcessGraph } from '../../compiler/graph';
import { isActivity } from '../../compiler/graph';

export interface Thrown {
  type: 'error' | 'escalation';
  code: string;
  message?: string;
  /** The element that threw. */
  elementId: string;
}

/** Where a throw is caught: a boundary event, or the start event of an event subprocess. */
export interface Catcher {
  kind: 'boundaryEvent' | 'eventSubProcess';
  /** The boundary event, or the event subprocess. */
  nodeId: string;
  /** The activity the boundary event is on, or the scope (subprocess id; undefined: the process) the event subprocess belongs to. */
  ownerId?: string;
  interrupting: boolean;
}

/** A throw on its way to an interrupting catcher. */
export class BpmnThrow extends Error {
  constructor(
    readonly thrown: Thrown,
    readonly catcher: Catcher,
  ) {
    super(`${thrown.type} ${thrown.code} thrown at ${thrown.elementId}`);
    this.name = 'BpmnThrow';
  }
}

function codeOf(trigger: EventTrigger | undefined, type: Thrown['type']): { matches: true; code?: string } | { matches: false } {
  if (trigger?.type !== type) return { matches: false };
  return { matches: true, code: trigger.type === 'error' ? trigger.errorCode : trigger.type === 'escalation' ? trigger.escalationCode : undefined };
}

/** The best candidate of one level: an exact code first, else a catch-all. */
function bestOf(candidates: { catcher: Catcher; trigger: EventTrigger | undefined }[], thrown: Thrown): Catcher | undefined {
  let catchAll: Catcher | undefined;
  for (const { catcher, trigger } of candidates) {
    const match = codeOf(trigger, thrown.type);
    if (!match.matches) continue;
    if (match.code === thrown.code) return catcher;
    if (match.code === undefined) catchAll ??= catcher;
  }
  return catchAll;
}

function boundaryCandidates(graph: ProcessGraph, host: GraphNode) {
  if (!isActivity(host)) return [];
  return (host.boundaryEventIds ?? []).flatMap((id) => {
    const boundary = graph.nodes[id];
    if (boundary?.kind !== 'boundaryEvent') return [];
    return [{ catcher: { kind: 'boundaryEvent' as const, nodeId: id, ownerId: host.id, interrupting: boundary.cancelActivity }, trigger: boundary.trigger }];
  });
}

function eventSubProcessCandidates(graph: ProcessGraph, ids: readonly string[], scopeId: string | undefined) {
  return ids.flatMap((id) => {
    const esp = graph.nodes[id];
    if (esp?.kind !== 'eventSubProcess') return [];
    const start = graph.nodes[esp.startNodeId];
    if (start?.kind !== 'startEvent') return [];
    return [{ catcher: { kind: 'eventSubProcess' as const, nodeId: id, ...(scopeId ? { ownerId: scopeId } : {}), interrupting: start.interrupting !== false }, trigger: start.trigger }];
  });
}

/** The catcher of `thrown`, or undefined when nothing in this instance catches it. */
export function catcherFor(graph: ProcessGraph, thrown: Thrown): Catcher | undefined {
  const thrower = graph.nodes[thrown.elementId];
  if (!thrower) return undefined;
  const own = bestOf(boundaryCandidates(graph, thrower), thrown);
  if (own) return own;
  let scopeId = thrower.scopeId;
  let fromEventSubProcess: string | undefined;
  for (;;) {
    const scope = scopeId === undefined ? undefined : graph.nodes[scopeId];
    if (scope?.kind === 'eventSubProcess') {
      // Thrown inside an event subprocess: its siblings do not catch it; the scope around does.
      fromEventSubProcess = scope.id;
      scopeId = scope.scopeId;
      continue;
    }
    const espIds = scope === undefined ? (graph.eventSubProcessIds ?? []) : scope.kind === 'subProcess' ? scope.eventSubProcessIds : [];
    const inScope = fromEventSubProcess ? undefined : bestOf(eventSubProcessCandidates(graph, espIds, scopeId), thrown);
    if (inScope) return inScope;
    if (!scope) return undefined;
    const onHost = bestOf(boundaryCandidates(graph, scope), thrown);
    if (onHost) return onHost;
    fromEventSubProcess = undefined;
    scopeId = scope.scopeId;
  }
}
