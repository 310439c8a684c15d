/**
 * The table of BPMN element types the compiler translates. A flow element whose type is not
 * here is reported as unsupported, never skipped.
 */
import type { ModdleElement } from '../bpmn-xml';
import type { GraphNode } from '../graph';
import type { TranslateContext } from './context';
import { translateBoundaryEvent, translateEndEvent, translateIntermediateCatchEvent, translateStartEvent } from './events';
import { translateExclusiveGateway } from './exclusive-gateway';
import { translateEventBasedGateway, translateParallelGateway } from './gateways';
import { translateReceiveTask } from './receive-task';
import { translateServiceTask } from './service-task';
import { translateUserTask } from './user-task';

type Translator = (element: ModdleElement, context: TranslateContext) => GraphNode | undefined;

export const translators: Readonly<Record<string, Translator>> = {
  'bpmn:StartEvent': translateStartEvent,
  'bpmn:EndEvent': translateEndEvent,
  'bpmn:IntermediateCatchEvent': translateIntermediateCatchEvent,
  'bpmn:BoundaryEvent': translateBoundaryEvent,
  'bpmn:ServiceTask': translateServiceTask,
  'bpmn:UserTask': translateUserTask,
  'bpmn:ReceiveTask': translateReceiveTask,
  'bpmn:ExclusiveGateway': translateExclusiveGateway,
  'bpmn:ParallelGateway': translateParallelGateway,
  'bpmn:EventBasedGateway': translateEventBasedGateway,
};

/** Flow elements that document a diagram but take no part in running it. */
export const documentationOnly: ReadonlySet<string> = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

/** For unsupported types: what to draw instead, in the owner's words. */
export const alternatives: Readonly<Record<string, { fr: string; en: string }>> = {
  'bpmn:ComplexGateway': {
    fr: 'Remplacez la passerelle complexe par une passerelle exclusive avec des conditions FEEL, ou par une passerelle parallèle.',
    en: 'Replace the complex gateway with an exclusive gateway and FEEL conditions, or a parallel gateway.',
  },
  'bpmn:Task': {
    fr: "Précisez le type de la tâche : tâche de service (activité IA) ou tâche utilisateur.",
    en: 'Give the task a type: service task (AI activity) or user task.',
  },
};

export type { CatalogActivity, TranslateContext } from './context';
