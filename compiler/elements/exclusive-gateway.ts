import { isElement, type ModdleElement } from '../bpmn-xml';
import type { ExclusiveGatewayNode } from '../graph';
import { nodeBase } from './common';

export function translateExclusiveGateway(element: ModdleElement): ExclusiveGatewayNode {
  const node: ExclusiveGatewayNode = { ...nodeBase(element), kind: 'exclusiveGateway' };
  if (isElement(element.default) && element.default.id) node.defaultFlowId = element.default.id;
  return node;
}
