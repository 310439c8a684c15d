import type {
  BoundaryEventNode,
  EndEventNode,
  ErrorEndEventNode,
  EscalationThrowEventNode,
  IntermediateThrowEventNode,
  LinkCatchEventNode,
  LinkThrowEventNode,
  SignalThrowEventNode,
  StartEventNode,
  TerminateEndEventNode,
} from '../../../compiler/graph';
import type { Behavior } from '../context';
import { applyMappings } from '../feel';
import { escalate, throwBpmnError } from '../raise';
import { broadcastSignal } from '../signals';
import { applyOccurrence } from './catch-events';

/**
 * A token starts at a start event: a none start event, or one whose event already occurred (a
 * message, a signal, a timer, or a throw an event subprocess caught): its variables are applied.
 */
export const startEvent: Behavior<StartEventNode> = async (node, context, token) => {
  if (token.occurred) applyOccurrence(node, token.occurred, context);
  return node.outgoing;
};

/** A none end event consumes the token; its scope ends when no token is left. */
export const endEvent: Behavior<EndEventNode> = async () => [];

/** Ends its scope at once (the instance, or the subprocess it is in): every other token there is canceled. */
export const terminateEndEvent: Behavior<TerminateEndEventNode> = async (node, context) => {
  context.scope.terminate(node.id);
  return [];
};

/** A milestone: the token passes. */
export const intermediateThrowEvent: Behavior<IntermediateThrowEventNode> = async (node) => node.outgoing;

export const errorEndEvent: Behavior<ErrorEndEventNode> = async (node, context) => {
  throwBpmnError(context, { code: node.errorCode, elementId: node.id, ...(node.errorMessage ? { message: node.errorMessage } : {}) });
};

/** Uncaught or caught by a non-interrupting catcher, the token goes on (intermediate) or ends (end event). */
export const escalationThrowEvent: Behavior<EscalationThrowEventNode> = async (node, context) => {
  escalate(context, { code: node.escalationCode, elementId: node.id });
  return node.end ? [] : node.outgoing;
};

/** Broadcasts the signal; its variables are the event's input mappings (none without them, as in Camunda). */
export const signalThrowEvent: Behavior<SignalThrowEventNode> = async (node, context) => {
  await broadcastSignal(node.signal, node.id, context, applyMappings(node.inputs, context.scope.variables.visible(), node.id));
  return node.end ? [] : node.outgoing;
};

/** Leaves by its one synthetic flow to the link catch event of the same name. */
export const linkThrowEvent: Behavior<LinkThrowEventNode> = async (node) => node.outgoing;
export const linkCatchEvent: Behavior<LinkCatchEventNode> = async (node) => node.outgoing;

/**
 * A token is placed on a boundary event once it has fired (see boundary-events.ts): a
 * message's variables are applied, and the token leaves by the event's flows.
 */
export const boundaryEvent: Behavior<BoundaryEventNode> = async (node, context, token) => {
  if (token.occurred) applyOccurrence(node, token.occurred, context);
  return node.outgoing;
};
