import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { EventBasedGatewayNode, ParallelGatewayNode } from '../../../compiler/graph';
import type { Behavior, EventOccurrence } from '../context';
import { IncidentError } from '../incident';
import { awaitEvent } from './catch-events';

/** Forks on every outgoing flow; as a join, lets one token on per wave (see joins.ts). */
export const parallelGateway: Behavior<ParallelGatewayNode> = async (node, context, token) =>
  (await context.joins.join(node, token.via)) ? node.outgoing : [];

/**
 * Waits for every event its flows lead to at once; the first that occurs wins, the others are
 * withdrawn (timers canceled, subscriptions closed), and the token moves to the winner, which
 * does not wait again.
 */
export const eventBasedGateway: Behavior<EventBasedGatewayNode> = async (node, context) => {
  const scope = new CancellationScope();
  let winner: { flowId: string; occurred: EventOccurrence } | undefined;
  const waits = node.outgoing.map((flowId) =>
    scope.run(async () => {
      const target = context.graph.nodes[context.graph.flows[flowId]?.targetId ?? ''];
      if (target?.kind !== 'timerCatchEvent' && target?.kind !== 'messageCatchEvent') {
        throw new IncidentError(node.id, `flow ${flowId} does not lead to a timer or message catch event`);
      }
      const occurred = await awaitEvent(target, context);
      if (winner) return;
      winner = { flowId, occurred };
      scope.cancel();
    }),
  );
  try {
    await Promise.all(waits);
  } catch (error) {
    if (!winner || !isCancellation(error)) throw error;
  } finally {
    scope.cancel();
    await Promise.allSettled(waits);
  }
  if (!winner) throw new IncidentError(node.id, 'no event occurred');
  return [winner];
};
