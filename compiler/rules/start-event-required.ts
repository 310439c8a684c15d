import type { Rule } from './rule';

export const startEventRequired: Rule = {
  id: 'start-event-required',
  check({ graph, report }) {
    if (graph.startNodeIds.length > 0) return;
    report({
      ruleId: this.id,
      elementId: graph.processKey,
      message: { fr: "Le processus n'a pas d'événement de début.", en: 'The process has no start event.' },
      hint: { fr: 'Ajoutez un événement de début simple (cercle fin).', en: 'Add a plain start event (thin circle).' },
    });
  },
};
