/**
 * Token flow over the process graph. A token enters a node, the node's behaviour runs (with
 * its boundary events, if any) and names the flows to take: one moves the token on, several
 * fork it (a new token per flow), none ends it. An interrupting boundary event moves the
 * token to itself instead. A token that meets an incident waits at its element until the API
 * resolves it, then the element runs again.
 */
import { isCancellation } from '@temporalio/workflow';
import type { ActiveElement, PathStep } from '../definitions';
import { runWithBoundaryEvents, type Outcome } from './boundary-events';
import type { GraphNode } from '../../compiler/graph';
import type { ExecutionContext, Token, TokenStart } from './context';
import { IncidentError, retryingIncidents } from './incident';

export async function runToken(start: TokenStart, context: ExecutionContext): Promise<void> {
  const { graph, state, scope } = context;
  let at: TokenStart | undefined = start;
  while (at) {
    const node: GraphNode | undefined = graph.nodes[at.nodeId];
    if (!node) throw new IncidentError(at.nodeId, 'the graph has no such element');
    const enteredAt = new Date().toISOString();
    const step: PathStep = { elementId: node.id, enteredAt, ...(at.via ? { flowId: at.via } : {}) };
    state.path.push(step);
    const active: ActiveElement = { elementId: node.id, since: enteredAt };
    state.active.push(active);
    scope.active.add(active);

    let outcome: Outcome;
    try {
      const token: Token = { active, ...(at.via ? { via: at.via } : {}), ...(at.occurred ? { occurred: at.occurred } : {}) };
      outcome = await retryingIncidents(context.incidents, scope.variables, (): Promise<Outcome> => runWithBoundaryEvents(node, context, token));
    } catch (error) {
      // A canceled token, or one that threw a BPMN error or escalation up to its catcher, is gone.
      state.active.splice(state.active.indexOf(active), 1);
      scope.active.delete(active);
      step.leftAt = new Date().toISOString();
      if (isCancellation(error)) step.canceled = true;
      throw error;
    }
    state.active.splice(state.active.indexOf(active), 1);
    scope.active.delete(active);
    step.leftAt = new Date().toISOString();

    if ('interruptedBy' in outcome) {
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
      if (at && context.continueAsNewIfDue(at)) return;
      continue;
    }
    // A fork: one new token per flow, started in flow order (each runs until it first waits,
    // so their commands keep the order earlier versions of the interpreter gave them).
    for (const start of next) scope.spawn(start);
    return;
  }
}
