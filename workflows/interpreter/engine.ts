/**
 * Token flow over the process graph. A token enters a node, the node's behaviour runs (with
 * its boundary events, if any) and names the flows to take: one moves the token on, several
 * fork it (a new token per flow), none ends it. An interrupting boundary event moves the
 * token to itself instead. A token that meets an incident waits at its element until the API
 * resolves it, then the element runs again. A token resumed in a continued instance takes up
 * the wait it was parked in (see parking.ts), in the path step it had entered.
 */
import { isCancellation } from '@temporalio/workflow';
import type { ActiveElement, PathStep } from '../definitions';
import { isParkedListener, type ParkedListener, type ParkedToken } from './parking';
import { runWithBoundaryEvents, type Outcome } from './boundary-events';
import type { GraphNode } from '../../compiler/graph';
import type { ExecutionContext, Token, TokenHandle, TokenStart } from './context';
import { IncidentError, retryingIncidents } from './incident';

/** The path step a resumed token had entered (carried by the continuation), else a new one. */
function stepFor(at: TokenStart, context: ExecutionContext, enteredAt: string): PathStep {
  const { state, resumedSteps } = context;
  const carried = at.resume?.since
    ? state.path.find(
        (step) => step.elementId === at.nodeId && step.enteredAt === at.resume?.since && step.flowId === at.via && step.leftAt === undefined && !resumedSteps.has(step),
      )
    : undefined;
  if (carried) {
    resumedSteps.add(carried);
    return carried;
  }
  const step: PathStep = { elementId: at.nodeId, enteredAt, ...(at.via ? { flowId: at.via } : {}) };
  state.path.push(step);
  return step;
}

/** What the token is parked in, if it is: its element's wait and every boundary event still listening. */
function describeToken(node: GraphNode, token: Token): ParkedToken | undefined {
  const wait = token.slot.describe?.();
  if (!wait) return undefined;
  const boundaries: Record<string, ParkedListener> = {};
  for (const [boundaryId, slot] of token.boundarySlots) {
    const listener = slot.describe?.();
    if (!isParkedListener(listener)) return undefined;
    boundaries[boundaryId] = listener;
  }
  return {
    nodeId: node.id,
    ...(token.via ? { via: token.via } : {}),
    since: token.active.since,
    wait,
    ...(token.boundarySlots.size > 0 ? { boundaries } : {}),
  };
}

export async function runToken(start: TokenStart, context: ExecutionContext, handle: TokenHandle): Promise<void> {
  const { graph, state, scope } = context;
  let at: TokenStart | undefined = start;
  while (at) {
    const node: GraphNode | undefined = graph.nodes[at.nodeId];
    if (!node) throw new IncidentError(at.nodeId, 'the graph has no such element');
    const resume = at.resume?.since ? at.resume : undefined;
    const enteredAt = resume?.since ?? new Date().toISOString();
    const step = stepFor(at, context, enteredAt);
    const active: ActiveElement = { elementId: node.id, since: enteredAt };
    state.active.push(active);
    scope.active.add(active);

    let outcome: Outcome;
    try {
      const token: Token = {
        active,
        ...(at.via ? { via: at.via } : {}),
        ...(at.occurred ? { occurred: at.occurred } : {}),
        ...(resume ? { resume } : {}),
        slot: {},
        boundarySlots: new Map(),
      };
      handle.describe = () => describeToken(node, token);
      outcome = await retryingIncidents(context.incidents, scope.variables, (): Promise<Outcome> => {
        const running = runWithBoundaryEvents(node, context, token);
        // Taken up once (behaviours read it before their first wait): after an incident the element runs afresh.
        delete token.resume;
        return running;
      });
    } catch (error) {
      // A canceled token, or one that threw a BPMN error or escalation up to its catcher, is gone.
      state.active.splice(state.active.indexOf(active), 1);
      scope.active.delete(active);
      step.leftAt = new Date().toISOString();
      if (isCancellation(error)) step.canceled = true;
      throw error;
    }
    const leave = () => {
      state.active.splice(state.active.indexOf(active), 1);
      scope.active.delete(active);
    };
    step.leftAt = new Date().toISOString();

    if ('interruptedBy' in outcome) {
      leave();
      step.canceled = true;
      at = { nodeId: outcome.interruptedBy, occurred: outcome.occurred };
      continue;
    }
    const next: TokenStart[] = outcome.flows.flatMap((taken): TokenStart[] => {
      const flowId = typeof taken === 'string' ? taken : taken.flowId;
      const targetId = graph.flows[flowId]?.targetId;
      if (targetId === undefined) return [];
      return [typeof taken === 'string' ? { nodeId: targetId, via: flowId } : { nodeId: targetId, via: flowId, occurred: taken.occurred }];
    });
    if (next.length <= 1) {
      at = next[0];
      const pause = at && context.continueAsNewIfDue(at, handle, scope);
      if (!pause) {
        leave();
        continue;
      }
      // The instance continues as new (this token holds until the run ends), or it waits near
      // the history limit for the other tokens: meanwhile it shows where it was, and an
      // inclusive join downstream still counts it.
      try {
        await pause;
      } finally {
        leave();
      }
      continue;
    }
    leave();
    // A fork: one new token per flow, started in flow order (each runs until it first waits,
    // so their commands keep the order earlier versions of the interpreter gave them).
    for (const start of next) scope.spawn(start);
    return;
  }
}
