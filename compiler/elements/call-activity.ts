import { extension, stringProperty, type ModdleElement } from '../bpmn-xml';
import type { CallActivityNode } from '../graph';
import { feelBody, label, nodeBase, valueSource } from './common';
import type { TranslateContext } from './context';

/**
 * Which version of the called process runs. Rouage numbers the versions it deploys, so a
 * `versionTag` binding to a number pins that version; a binding Rouage cannot honour runs the
 * latest version, with a warning, since the call still works as drawn in every other respect.
 */
function readBinding(element: ModdleElement, called: ModdleElement, context: TranslateContext): CallActivityNode['binding'] {
  const bindingType = stringProperty(called, 'bindingType') ?? 'latest';
  const versionTag = stringProperty(called, 'versionTag')?.trim() ?? '';
  if (bindingType === 'latest') return { type: 'latest' };
  if (bindingType === 'versionTag' && /^[1-9]\d*$/.test(versionTag)) return { type: 'version', version: Number(versionTag) };
  context.report({
    ruleId: 'call-activity-binding',
    severity: 'warning',
    elementId: element.id,
    message: {
      fr: `L'activité d'appel « ${label(element)} » demande la liaison « ${bindingType}${versionTag ? ` ${versionTag}` : ''} », que Rouage ne sait pas respecter : la dernière version déployée sera appelée.`,
      en: `Call activity "${label(element)}" asks for binding "${bindingType}${versionTag ? ` ${versionTag}` : ''}", which Rouage cannot honour: the latest deployed version will be called.`,
    },
    hint: {
      fr: 'Choisissez la liaison « latest », ou « versionTag » avec le numéro de version Rouage à appeler (par exemple 3).',
      en: 'Choose binding "latest", or "versionTag" with the Rouage version number to call (for example 3).',
    },
  });
  return { type: 'latest' };
}

export function translateCallActivity(element: ModdleElement, context: TranslateContext): CallActivityNode | undefined {
  const called = extension(element, 'zeebe:CalledElement');
  const expression = feelBody(called && stringProperty(called, 'processIdExpression'));
  const processId = (called && stringProperty(called, 'processId'))?.trim() ?? '';
  if (!called || (expression === undefined && processId === '')) {
    context.report({
      ruleId: 'called-element-required',
      elementId: element.id,
      message: {
        fr: `L'activité d'appel « ${label(element)} » n'indique pas quel processus appeler.`,
        en: `Call activity "${label(element)}" does not say which process to call.`,
      },
      hint: {
        fr: 'Renseignez l’identifiant du processus appelé (zeebe:calledElement processId), ou une expression FEEL commençant par « = ».',
        en: 'Set the called process id (zeebe:calledElement processId), or a FEEL expression starting with "=".',
      },
    });
    return undefined;
  }
  return {
    ...nodeBase(element),
    kind: 'callActivity',
    processKey: expression === undefined ? valueSource(processId) : { feel: expression },
    // Both default to true in Camunda 8 (moddle gives no default for the child flag).
    propagateAllParentVariables: called.propagateAllParentVariables !== false,
    propagateAllChildVariables: called.propagateAllChildVariables !== false,
    binding: readBinding(element, called, context),
  };
}
