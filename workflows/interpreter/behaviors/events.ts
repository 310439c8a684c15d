import type { EndEventNode, StartEventNode } from '../../../compiler/graph';
import type { Behavior } from '../context';

export const startEvent: Behavior<StartEventNode> = async (node) => node.outgoing;

/** A none end event consumes the token; the instance ends when no token is left. */
export const endEvent: Behavior<EndEventNode> = async () => [];
