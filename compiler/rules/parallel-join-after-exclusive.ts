import type { ProcessGraph } from '../graph';
import type { Rule } from './rule';

/**
 * The split a flow comes from, walking back along a chain of elements with one incoming and
 * one outgoing flow: the id of the exclusive (or event-based) gateway that chose it, or
 * undefined when the chain starts anywhere else (a fork, a merge, a start, a boundary event).
 */
function exclusiveOrigin(graph: ProcessGraph, flowId: string): string | undefined {
  const seen = new Set<string>();
  for (let flow = graph.flows[flowId]; flow !== undefined; ) {
    const source = graph.nodes[flow.sourceId];
    if (!source || seen.has(source.id)) return undefined;
    seen.add(source.id);
    if (source.outgoing.length > 1) {
      return source.kind === 'exclusiveGateway' || source.kind === 'eventBasedGateway' ? source.id : undefined;
    }
    const hasBoundaries = 'boundaryEventIds' in source && (source.boundaryEventIds?.length ?? 0) > 0;
    if (source.incoming.length !== 1 || hasBoundaries) return undefined;
    flow = graph.flows[source.incoming[0]!];
  }
  return undefined;
}

/**
 * A parallel join waits for a token on every incoming flow. When all of them come, with no
 * other split between, from one exclusive gateway, only one ever gets a token: a deadlock.
 */
export const parallelJoinAfterExclusive: Rule = {
  id: 'parallel-join-after-exclusive',
  check({ graph, report }) {
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'parallelGateway' || node.incoming.length < 2) continue;
      const origins = node.incoming.map((flowId) => exclusiveOrigin(graph, flowId));
      const first = origins[0];
      if (first === undefined || origins.some((origin) => origin !== first)) continue;
      const split = graph.nodes[first]!;
      report({
        ruleId: this.id,
        elementId: node.id,
        message: {
          fr: `La passerelle parallèle « ${node.name ?? node.id} » attend un jeton sur chacun de ses flux entrants, mais la passerelle exclusive « ${split.name ?? split.id} » n'en envoie que sur un : l'instance resterait bloquée.`,
          en: `Parallel gateway "${node.name ?? node.id}" waits for a token on each incoming flow, but exclusive gateway "${split.name ?? split.id}" sends one on only one of them: the instance would be stuck.`,
        },
        hint: {
          fr: 'Pour réunir des chemins alternatifs, utilisez une passerelle exclusive (ou reliez-les directement à la tâche suivante).',
          en: 'To merge alternative paths, use an exclusive gateway (or connect them straight to the next task).',
        },
      });
    }
  },
};
