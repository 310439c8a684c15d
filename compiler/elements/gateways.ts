import type { ModdleElement } from '../bpmn-xml';
import type { EventBasedGatewayNode, ParallelGatewayNode } from '../graph';
import { nodeBase } from './common';

export function translateParallelGateway(element: ModdleElement): ParallelGatewayNode {
  return { ...nodeBase(element), kind: 'parallelGateway' };
}

export function translateEventBasedGateway(element: ModdleElement): EventBasedGatewayNode {
  return { ...nodeBase(element), kind: 'eventBasedGateway' };
}
