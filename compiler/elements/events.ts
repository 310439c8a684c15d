import { elementList, type ModdleElement } from '../bpmn-xml';
import type { EndEventNode, StartEventNode } from '../graph';
import { nodeBase } from './common';
import type { TranslateContext } from './context';

/** Event definitions are not executable yet: say so rather than run a plain event instead. */
function rejectEventDefinitions(element: ModdleElement, context: TranslateContext): boolean {
  const definitions = elementList(element.eventDefinitions);
  if (definitions.length === 0) return false;
  const kind = definitions.map((d) => d.$type.replace('bpmn:', '')).join(', ');
  context.report({
    ruleId: 'unsupported-element',
    elementId: element.id,
    message: {
      fr: `L'événement « ${element.name ?? element.id} » porte une définition (${kind}) que Rouage n'exécute pas encore.`,
      en: `Event "${element.name ?? element.id}" has a definition (${kind}) that Rouage does not run yet.`,
    },
    hint: {
      fr: "Utilisez un événement simple (sans définition) ou retirez cet événement.",
      en: 'Use a plain event (no event definition) or remove this event.',
    },
  });
  return true;
}

export function translateStartEvent(element: ModdleElement, context: TranslateContext): StartEventNode | undefined {
  if (rejectEventDefinitions(element, context)) return undefined;
  return { ...nodeBase(element), kind: 'startEvent' };
}

export function translateEndEvent(element: ModdleElement, context: TranslateContext): EndEventNode | undefined {
  if (rejectEventDefinitions(element, context)) return undefined;
  return { ...nodeBase(element), kind: 'endEvent' };
}
