import { nodeEvent } from '../expressions';
import type { ValueSource } from '../graph';
import type { Rule } from './rule';

function isBlank(source: ValueSource): boolean {
  return ('value' in source ? source.value : source.feel).trim() === '';
}

/**
 * A message event is found by its name and correlation key: both must be given. A message
 * start event of the process starts a new instance, so it has no instance to correlate with:
 * its name alone is needed, and must be fixed, since it is subscribed to when deployed.
 */
export const messageCorrelation: Rule = {
  id: 'message-correlation',
  check({ graph, report }) {
    for (const node of Object.values(graph.nodes)) {
      const { message } = nodeEvent(node);
      if (!message) continue;
      const label = node.name ?? node.id;
      const startsInstances = node.kind === 'startEvent' && node.scopeId === undefined;
      if (startsInstances && 'feel' in message.name) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `Le nom du message de début « ${label} » est une expression : il doit être connu dès le déploiement.`,
            en: `The name of message start event "${label}" is an expression: it must be known when the process is deployed.`,
          },
          hint: {
            fr: 'Donnez au message un nom fixe, sans « = », par exemple « demande-deposee ».',
            en: 'Give the message a fixed name, without "=", for example "request-filed".',
          },
        });
      }
      if (isBlank(message.name)) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `« ${label} » attend un message sans nom.`,
            en: `"${label}" waits for a message that has no name.`,
          },
          hint: {
            fr: 'Choisissez ou créez un message (bpmn:message) et donnez-lui un nom, par exemple « piece-recue ».',
            en: 'Pick or create a message (bpmn:message) and give it a name, for example "document-received".',
          },
        });
      }
      if (!startsInstances && isBlank(message.correlationKey)) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `« ${label} » attend un message sans clé de corrélation : Rouage ne saurait pas à quelle instance le remettre.`,
            en: `"${label}" waits for a message without a correlation key: Rouage could not tell which instance it is for.`,
          },
          hint: {
            fr: 'Renseignez la clé de corrélation du message (zeebe:subscription correlationKey), par exemple =numeroDossier.',
            en: "Set the message's correlation key (zeebe:subscription correlationKey), for example =caseNumber.",
          },
        });
      }
    }
  },
};
