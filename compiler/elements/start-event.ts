/**
 * Start events: what a process, an embedded subprocess or an event subprocess may start on.
 * Process start events may wait for a message, a timer or a signal; an embedded subprocess
 * starts when entered (none start only); an event subprocess's start also catches errors and
 * escalations, interrupting or not.
 */
import type { ModdleElement } from '../bpmn-xml';
import type { StartEventNode } from '../graph';
import { label, nodeBase } from './common';
import type { ElementContext, TranslateContext } from './context';
import { readTrigger } from './event-definitions';
import { definitionsOf, HINTS, reportErrorInterrupting, unsupportedDefinition } from './events';

function reportStartTrigger(element: ModdleElement, where: 'subProcess' | 'process', context: TranslateContext): void {
  context.report({
    ruleId: 'start-event-trigger',
    elementId: element.id,
    message:
      where === 'subProcess'
        ? {
            fr: `Le sous-processus qui contient « ${label(element)} » démarre quand le jeton y entre : son événement de début ne peut rien attendre.`,
            en: `The subprocess holding "${label(element)}" starts when the token enters it: its start event cannot wait for anything.`,
          }
        : {
            fr: `« ${label(element)} » démarre sur une erreur ou une escalade, ce que seul un sous-processus événementiel peut faire.`,
            en: `"${label(element)}" starts on an error or an escalation, which only an event subprocess can do.`,
          },
    hint:
      where === 'subProcess'
        ? { fr: 'Utilisez un événement de début simple dans un sous-processus intégré.', en: 'Use a none start event in an embedded subprocess.' }
        : {
            fr: 'Placez cet événement de début dans un sous-processus événementiel, ou utilisez un événement de début simple, message, minuteur ou signal.',
            en: 'Put this start event in an event subprocess, or use a none, message, timer or signal start event.',
          },
  });
}

export function translateStartEvent(element: ModdleElement, context: ElementContext): StartEventNode | undefined {
  const { definitions, definition } = definitionsOf(element);
  const node: StartEventNode = { ...nodeBase(element), kind: 'startEvent' };
  // A none start event in an event subprocess is reported with the event subprocess.
  if (definitions.length === 0) return node;
  const trigger = definition && readTrigger(element, definition, context);
  if (!trigger) return unsupportedDefinition(element, definitions, HINTS.start, context);
  node.trigger = trigger;
  if (context.scope.kind === 'process' && trigger.type === 'signal' && 'feel' in trigger.signal.name) {
    // The process subscribes to its start signals when deployed, before any variable exists.
    context.report({
      ruleId: 'signal-name-required',
      elementId: element.id,
      message: {
        fr: `Le nom du signal de début « ${label(element)} » est une expression : il doit être connu dès le déploiement.`,
        en: `The signal name of start event "${label(element)}" is an expression: it must be known when the process is deployed.`,
      },
      hint: { fr: 'Donnez au signal un nom fixe, sans « = », par exemple « alerte-canicule ».', en: 'Give the signal a fixed name, without "=", for example "heatwave-alert".' },
    });
  }
  if (context.scope.kind === 'subProcess') reportStartTrigger(element, 'subProcess', context);
  else if (context.scope.kind === 'process' && (trigger.type === 'error' || trigger.type === 'escalation')) reportStartTrigger(element, 'process', context);
  if (context.scope.kind === 'eventSubProcess') {
    // moddle gives BPMN's default (true) when the attribute is absent.
    node.interrupting = element.isInterrupting !== false;
    if (trigger.type === 'error' && !node.interrupting) reportErrorInterrupting(element, context);
  }
  return node;
}
