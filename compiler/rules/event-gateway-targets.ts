import type { Rule } from './rule';

const WAITING_KINDS: ReadonlySet<string> = new Set(['timerCatchEvent', 'messageCatchEvent', 'signalCatchEvent', 'receiveTask']);

/**
 * An event-based gateway waits for the first of the events its flows lead to, so each flow
 * must lead to a timer, message or signal catch event or a receive task, and there must be at
 * least two (as in Camunda).
 */
export const eventGatewayTargets: Rule = {
  id: 'event-gateway-targets',
  check({ graph, report }) {
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'eventBasedGateway') continue;
      const label = node.name ?? node.id;
      if (node.outgoing.length < 2) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `La passerelle basée sur les événements « ${label} » a moins de deux flux sortants : elle n'a rien à choisir.`,
            en: `Event-based gateway "${label}" has fewer than two outgoing flows: it has nothing to choose.`,
          },
          hint: {
            fr: 'Reliez-la à au moins deux événements intermédiaires (minuteur, message, signal) ou tâches de réception, ou retirez-la.',
            en: 'Connect it to at least two intermediate catch events (timer, message, signal) or receive tasks, or remove it.',
          },
        });
      }
      for (const flowId of node.outgoing) {
        const target = graph.nodes[graph.flows[flowId]?.targetId ?? ''];
        if (!target || WAITING_KINDS.has(target.kind)) continue;
        report({
          ruleId: this.id,
          elementId: flowId,
          message: {
            fr: `Le flux « ${graph.flows[flowId]?.name ?? flowId} » mène de la passerelle « ${label} » à « ${target.name ?? target.id} », qui n'est pas un événement d'attente.`,
            en: `Flow "${graph.flows[flowId]?.name ?? flowId}" leads from gateway "${label}" to "${target.name ?? target.id}", which is not a catch event.`,
          },
          hint: {
            fr: 'Après une passerelle basée sur les événements, placez un événement intermédiaire minuteur, message ou signal, ou une tâche de réception.',
            en: 'After an event-based gateway, put a timer, message or signal intermediate catch event, or a receive task.',
          },
        });
      }
    }
  },
};
