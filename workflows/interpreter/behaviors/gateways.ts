import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { EventBasedGatewayNode, InclusiveGatewayNode, ParallelGatewayNode } from '../../../compiler/graph';
import type { Behavior, EventOccurrence } from '../context';
import { isParkedListener, type ParkedListener, type ParkSlot } from '../parking';
import { evaluateFeel } from '../feel';
import { IncidentError } from '../incident';
import { upstreamOf } from '../upstream';
import { awaitEvent } from './catch-events';

/** Forks on every outgoing flow; as a join, lets one token on per wave (see joins.ts). */
export const parallelGateway: Behavior<ParallelGatewayNode> = async (node, context, token) => {
  const resumed = token.resume?.wait?.kind === 'join' ? token.resume.wait : undefined;
  const { joins } = context.scope;
  const goesOn = resumed ? await joins.rejoin(node, resumed.wave, false, () => true, token.slot) : await joins.join(node, token.via, token.slot);
  return goesOn ? node.outgoing : [];
};

/**
 * As a join: the first token waits while another token of the scope can still reach the
 * gateway (see joins.ts). As a fork: every flow whose condition is true (document order),
 * else the default flow, else an incident.
 */
export const inclusiveGateway: Behavior<InclusiveGatewayNode> = async (node, context, token) => {
  const { graph, scope } = context;
  const upstream = upstreamOf(graph, node.id);
  const canStillArrive = () => [...scope.active].some((active) => active.elementId !== node.id && upstream.has(active.elementId));
  const resumed = token.resume?.wait?.kind === 'join' ? token.resume.wait : undefined;
  const goesOn = resumed
    ? await scope.joins.rejoin(node, resumed.wave, resumed.leads, canStillArrive, token.slot)
    : await scope.joins.joinInclusive(node, token.via, canStillArrive, token.slot);
  if (!goesOn) return [];
  if (node.outgoing.length === 1) return node.outgoing;
  const variables = scope.variables.visible();
  const taken = node.outgoing.filter((flowId) => {
    const condition = graph.flows[flowId]?.condition;
    if (flowId === node.defaultFlowId || condition === undefined) return false;
    const value = evaluateFeel(condition, variables, flowId);
    if (value !== true && value !== false && value !== null) throw new IncidentError(flowId, `condition "${condition}" gave ${JSON.stringify(value)}, not a boolean`);
    return value === true;
  });
  if (taken.length > 0) return taken;
  if (node.defaultFlowId) return [node.defaultFlowId];
  throw new IncidentError(node.id, 'no outgoing flow has a true condition and the gateway has no default flow');
};

/**
 * Waits for every event its flows lead to at once; the first that occurs wins, the others are
 * withdrawn (timers canceled, subscriptions closed), and the token moves to the winner, which
 * does not wait again. Parked while every wait is (a continued instance takes each one up).
 */
export const eventBasedGateway: Behavior<EventBasedGatewayNode> = async (node, context, token) => {
  const resumed = token.resume?.wait?.kind === 'eventGateway' ? token.resume.wait.waits : undefined;
  const slots = new Map<string, ParkSlot>();
  token.slot.describe = () => {
    const waits: Record<string, ParkedListener> = {};
    for (const [flowId, slot] of slots) {
      const wait = slot.describe?.();
      if (!isParkedListener(wait)) return undefined;
      waits[flowId] = wait;
    }
    return { kind: 'eventGateway', waits };
  };
  const scope = new CancellationScope();
  let winner: { flowId: string; occurred: EventOccurrence } | undefined;
  const waits = node.outgoing.map((flowId) =>
    scope.run(async () => {
      const target = context.graph.nodes[context.graph.flows[flowId]?.targetId ?? ''];
      if (target?.kind !== 'timerCatchEvent' && target?.kind !== 'messageCatchEvent' && target?.kind !== 'signalCatchEvent' && target?.kind !== 'receiveTask') {
        throw new IncidentError(node.id, `flow ${flowId} does not lead to a timer, message or signal catch event or a receive task`);
      }
      const slot: ParkSlot = {};
      slots.set(flowId, slot);
      const resume = resumed?.[flowId];
      // Shown on the gateway's token: the timer's due date and the message it waits for.
      const occurred = await awaitEvent(target, context, token.active, { slot, ...(resume ? { resume } : {}) });
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
    delete token.slot.describe;
    scope.cancel();
    await Promise.allSettled(waits);
  }
  if (!winner) throw new IncidentError(node.id, 'no event occurred');
  return [winner];
};
