import type { ModdleElement } from '../bpmn-xml';
import type { ReceiveTaskNode } from '../graph';
import { nodeBase } from './common';
import { readMessage } from './event-definitions';

export function translateReceiveTask(element: ModdleElement): ReceiveTaskNode {
  return { ...nodeBase(element), kind: 'receiveTask', message: readMessage(element.messageRef) };
}
