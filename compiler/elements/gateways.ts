import { isElement, type ModdleElement } from '../bpmn-xml';
import type { EventBasedGatewayNode, ExclusiveGatewayNode, InclusiveGatewayNode, ParallelGatewayNode } from '../graph';
import { nodeBase } from './common';

function withDefaultFlow<T extends ExclusiveGatewayNode | InclusiveGatewayNode>(node: T, element: ModdleElement): T {
  if (isElement(element.default) && element.default.id) node.defaultFlowId = element.default.id;
  return node;
}

export function translateExclusiveGateway(element: ModdleElement): ExclusiveGatewayNode {
  return withDefaultFlow({ ...nodeBase(element), kind: 'exclusiveGateway' }, element);
}

export function translateInclusiveGateway(element: ModdleElement): InclusiveGatewayNode {
  return withDefaultFlow({ ...nodeBase(element), kind: 'inclusiveGateway' }, element);
}

export function translateParallelGateway(element: ModdleElement): ParallelGatewayNode {
  return { ...nodeBase(element), kind: 'parallelGateway' };
}

export function translateEventBasedGateway(element: ModdleElement): EventBasedGatewayNode {
  return { ...nodeBase(element), kind: 'eventBasedGateway' };
}
