/**
 * Token flow over the process graph. A token enters a node, the node's behaviour runs and
 * names the flows to take; one flow moves the token on, several fork it, none consumes it.
 */
import type { ExecutionContext } from './context';
import { behaviorOf } from './behaviors';
import { IncidentError } from './incident';

export async function runToken(startNodeId: string, context: ExecutionContext): Promise<void> {
  const { graph, state } = context;
  let nodeId = startNodeId;
  for (;;) {
    const node = graph.nodes[nodeId];
    if (!node) throw new IncidentError(nodeId, 'the graph has no such element');
    const enteredAt = new Date().toISOString();
    const step: { elementId: string; enteredAt: string; leftAt?: string } = { elementId: node.id, enteredAt };
    state.path.push(step);
    const active = { elementId: node.id, since: enteredAt };
    state.active.push(active);

    const taken = await behaviorOf(node)(node, context);

    state.active.splice(state.active.indexOf(active), 1);
    step.leftAt = new Date().toISOString();
    const targets = taken.map((flowId) => graph.flows[flowId]?.targetId).filter((id): id is string => id !== undefined);
    if (targets.length === 0) return;
    if (targets.length > 1) {
      await Promise.all(targets.map((target) => runToken(target, context)));
      return;
    }
    nodeId = targets[0]!;
  }
}
