import type { ModdleElement } from '../bpmn-xml';
import type { PassThroughTaskNode } from '../graph';
import { nodeBase } from './common';

/** Manual and undefined tasks document a step the process does not run: the token passes, as in Camunda. */
export function translatePassThroughTask(element: ModdleElement): PassThroughTaskNode {
  return { ...nodeBase(element), kind: 'passThroughTask', element: element.$type === 'bpmn:ManualTask' ? 'manualTask' : 'task' };
}
