import type { Rule } from './rule';

/** A process needs a start event at its own level: none, or waiting for a message, a timer or a signal. */
export const startEventRequired: Rule = {
  id: 'start-event-required',
  check({ graph, report }) {
    if (Object.values(graph.nodes).some((node) => node.kind === 'startEvent' && node.scopeId === undefined)) return;
    report({
      ruleId: this.id,
      elementId: graph.processKey,
      message: { fr: "Le processus n'a pas d'événement de début.", en: 'The process has no start event.' },
      hint: { fr: 'Ajoutez un événement de début simple (cercle fin).', en: 'Add a plain start event (thin circle).' },
    });
  },
};
