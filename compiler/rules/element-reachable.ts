import type { Rule } from './rule';
import { entryNodeIds, reachableFromEntries } from './walk';

export const elementReachable: Rule = {
  id: 'element-reachable',
  check({ graph, report }) {
    if (entryNodeIds(graph).length === 0) return; // start-event-required says it already
    // Subprocesses lead to their own start events and event subprocesses (see successors).
    const reached = reachableFromEntries(graph);
    for (const node of Object.values(graph.nodes)) {
      if (reached.has(node.id)) continue;
      report({
        ruleId: this.id,
        elementId: node.id,
        message: {
          fr: `L'élément « ${node.name ?? node.id} » n'est atteignable depuis aucun événement de début.`,
          en: `Element "${node.name ?? node.id}" cannot be reached from any start event.`,
        },
        hint: { fr: 'Reliez-le au reste du processus par un flux entrant, ou supprimez-le.', en: 'Connect it with an incoming flow, or delete it.' },
      });
    }
  },
};
