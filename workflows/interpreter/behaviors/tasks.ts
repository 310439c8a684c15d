import type { PassThroughTaskNode, ScriptTaskNode } from '../../../compiler/graph';
import type { Behavior } from '../context';
import { evaluateFeel } from '../feel';
import { applyResult } from './service-task';

/** `zeebe:script`: the FEEL expression's value, stored under the result variable (then output mappings). */
export const scriptTask: Behavior<ScriptTaskNode> = async (node, context) => {
  const visible = context.scope.variables.visible();
  const value = evaluateFeel(node.expression, visible, node.id);
  applyResult(node, { [node.resultVariable]: value ?? null }, context);
  return node.outgoing;
};

/** Manual and undefined tasks: nothing to run, the token passes (Camunda 8 does the same). */
export const passThroughTask: Behavior<PassThroughTaskNode> = async (node) => node.outgoing;
