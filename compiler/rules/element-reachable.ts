import type { Rule } from './rule';
import { successors } from './walk';

export const elementReachable: Rule = {
  id: 'element-reachable',
  check({ graph, report }) {
    if (graph.startNodeIds.length === 0) return; // start-event-required says it already
    const reached = new Set<string>();
    const queue = [...graph.startNodeIds];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (reached.has(id)) continue;
      reached.add(id);
      const node = graph.nodes[id];
      if (node) queue.push(...successors(graph, node));
    }
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
