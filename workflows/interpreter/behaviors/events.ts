import type { BoundaryEventNode, EndEventNode, StartEventNode, TerminateEndEventNode } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { applyOccurrence } from './catch-events';

export const startEvent: Behavior<StartEventNode> = async (node) => node.outgoing;

/** A none end event consumes the token; the instance ends when no token is left. */
export const endEvent: Behavior<EndEventNode> = async () => [];

/** Ends the instance at once: every other token is canceled (their user tasks closed as canceled). */
export const terminateEndEvent: Behavior<TerminateEndEventNode> = async (node, context) => {
  context.terminate(node.id);
  return [];
};

/**
 * A token is placed on a boundary event once it has fired (see boundary-events.ts): a
 * message's variables are applied, and the token leaves by the event's flows.
 */
export const boundaryEvent: Behavior<BoundaryEventNode> = async (node, context, token) => {
  if (token.occurred) applyOccurrence(node, token.occurred, context);
  return node.outgoing;
};
