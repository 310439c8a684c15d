/**
 * Token flow over the process graph. A token enters a node, the node's behaviour runs (with
 * its boundary events, if any) and names the flows to take: one moves the token on, several
 * fork it (a new token per flow), none ends it. An interrupting boundary event moves the
 * token to itself instead.
 */
import { isCancellation } from '@temporalio/workflow';
import type { ActiveElement, PathStep } from '../definitions';
import { runWithBoundaryEvents, type Outcome } from './boundary-events';
import type { ExecutionContext, TokenStart } from './context';
import { IncidentError } from './incident';

export async function runToken(start: TokenStart, context: ExecutionContext): Promise<void> {
  const { graph, state } = context;
  let at: TokenStart | undefined = start;
  while (at) {
    const node = graph.nodes[at.nodeId];
    if (!node) throw new IncidentError(at.nodeId, 'the graph has no such element');
    const enteredAt = new Date().toISOString();
    const step: PathStep = { elementId: node.id, enteredAt, ...(at.via ? { flowId: at.via } : {}) };
    state.path.push(step);
    const active: ActiveElement = { elementId: node.id, since: enteredAt };
    state.active.push(active);

    let outcome: Outcome;
    try {
      outcome = await runWithBoundaryEvents(node, context, { active, ...(at.via ? { via: at.via } : {}), ...(at.occurred ? { occurred: at.occurred } : {}) });
    } catch (error) {
      // An incident keeps the token visible where it stopped; a canceled token is gone.
      if (isCancellation(error)) {
        state.active.splice(state.active.indexOf(active), 1);
        step.leftAt = new Date().toISOString();
        step.canceled = true;
      }
      throw error;
    }
    state.active.splice(state.active.indexOf(active), 1);
    step.leftAt = new Date().toISOString();

    if ('interruptedBy' in outcome) {
      step.canceled = true;
      at = { nodeId: outcome.interruptedBy, occurred: outcome.occurred };
      continue;
    }
    const next = outcome.flows.flatMap((taken): TokenStart[] => {
      const flowId = typeof taken === 'string' ? taken : taken.flowId;
      const targetId = graph.flows[flowId]?.targetId;
      if (targetId === undefined) return [];
      return [typeof taken === 'string' ? { nodeId: targetId, via: flowId } : { nodeId: targetId, via: flowId, occurred: taken.occurred }];
    });
    if (next.length <= 1) {
      at = next[0];
      continue;
    }
    // A fork: one new token per flow, started in flow order (each runs until it first waits,
    // so their commands keep the order earlier versions of the interpreter gave them).
    for (const start of next) context.spawn(start);
    return;
  }
}
