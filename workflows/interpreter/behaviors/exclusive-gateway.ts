import type { ExclusiveGatewayNode } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { evaluateFeel } from '../feel';
import { IncidentError } from '../incident';

/** First flow, in document order, whose condition is true; else the default flow; else an incident. */
export const exclusiveGateway: Behavior<ExclusiveGatewayNode> = async (node, { graph, scope }) => {
  if (node.outgoing.length === 1) return node.outgoing;
  const variables = scope.variables.visible();
  for (const flowId of node.outgoing) {
    const condition = graph.flows[flowId]?.condition;
    if (flowId === node.defaultFlowId || condition === undefined) continue;
    const value = evaluateFeel(condition, variables, flowId);
    if (value === true) return [flowId];
    if (value !== false && value !== null) {
      throw new IncidentError(flowId, `condition "${condition}" gave ${JSON.stringify(value)}, not a boolean`);
    }
  }
  if (node.defaultFlowId) return [node.defaultFlowId];
  throw new IncidentError(node.id, 'no outgoing flow has a true condition and the gateway has no default flow');
};
