/**
 * The table of BPMN element types the compiler translates. A flow element whose type is not
 * here is reported as unsupported, never skipped.
 */
import type { ModdleElement } from '../bpmn-xml';
import type { GraphNode } from '../graph';
import { translateBusinessRuleTask } from './business-rule-task';
import { translateCallActivity } from './call-activity';
import type { ElementContext } from './context';
import { translateBoundaryEvent, translateEndEvent, translateIntermediateCatchEvent, translateIntermediateThrowEvent } from './events';
import { translateEventBasedGateway, translateExclusiveGateway, translateInclusiveGateway, translateParallelGateway } from './gateways';
import { translatePassThroughTask } from './pass-through-task';
import { translateReceiveTask } from './receive-task';
import { translateScriptTask } from './script-task';
import { translateSendTask, translateServiceTask } from './service-task';
import { translateStartEvent } from './start-event';
import { translateSubProcess } from './subprocess';
import { translateUserTask } from './user-task';

type Translator = (element: ModdleElement, context: ElementContext) => GraphNode | undefined;

export const translators: Readonly<Record<string, Translator>> = {
  'bpmn:StartEvent': translateStartEvent,
  'bpmn:EndEvent': translateEndEvent,
  'bpmn:IntermediateCatchEvent': translateIntermediateCatchEvent,
  'bpmn:IntermediateThrowEvent': translateIntermediateThrowEvent,
  'bpmn:BoundaryEvent': translateBoundaryEvent,
  'bpmn:ServiceTask': translateServiceTask,
  'bpmn:SendTask': translateSendTask,
  'bpmn:UserTask': translateUserTask,
  'bpmn:ReceiveTask': translateReceiveTask,
  'bpmn:ScriptTask': translateScriptTask,
  'bpmn:BusinessRuleTask': translateBusinessRuleTask,
  'bpmn:ManualTask': translatePassThroughTask,
  'bpmn:Task': translatePassThroughTask,
  'bpmn:SubProcess': translateSubProcess,
  'bpmn:CallActivity': translateCallActivity,
  'bpmn:ExclusiveGateway': translateExclusiveGateway,
  'bpmn:InclusiveGateway': translateInclusiveGateway,
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
  'bpmn:Transaction': {
    fr: 'Les transactions (et leur compensation) ne sont pas prises en charge : utilisez un sous-processus intégré avec un événement de bordure d’erreur menant aux étapes d’annulation.',
    en: 'Transactions (and their compensation) are not supported: use an embedded subprocess with an error boundary event leading to the undo steps.',
  },
  'bpmn:AdHocSubProcess': {
    fr: 'Les sous-processus ad hoc ne sont pas pris en charge : utilisez un sous-processus intégré avec une passerelle inclusive, ou des tâches utilisateur en parallèle.',
    en: 'Ad-hoc subprocesses are not supported: use an embedded subprocess with an inclusive gateway, or user tasks in parallel.',
  },
};

/** For an unsupported type without a specific alternative. */
export const GENERAL_ALTERNATIVE = {
  fr: 'Utilisez un événement, une tâche (service, utilisateur, envoi, réception, script, règle métier, manuelle), un sous-processus, une activité d’appel, ou une passerelle exclusive, inclusive, parallèle ou basée sur les événements.',
  en: 'Use an event, a task (service, user, send, receive, script, business rule, manual), a subprocess, a call activity, or an exclusive, inclusive, parallel or event-based gateway.',
};

export { applyLoopCharacteristics } from './multi-instance';
export { linkName, resolveLinks, type LinkEvent } from './links';
export { completeEventSubProcess, completeSubProcess, noneStartsOf } from './subprocess';
export type { CatalogActivity, ElementContext, Scope, TranslateContext } from './context';
