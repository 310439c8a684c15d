/** Which elements can still send a token to a join: for the inclusive join's wait. */
import type { ProcessGraph } from '../../compiler/graph';

const cache = new WeakMap<ProcessGraph, Map<string, ReadonlySet<string>>>();

/**
 * Ids of the nodes from which a token can reach `joinId` without passing through it: back
 * along incoming flows, and from a boundary event back to its host. Computed once per graph
 * and join (graphs never change while an instance runs).
 */
export function upstreamOf(graph: ProcessGraph, joinId: string): ReadonlySet<string> {
  let perJoin = cache.get(graph);
  if (!perJoin) cache.set(graph, (perJoin = new Map()));
  const known = perJoin.get(joinId);
  if (known) return known;
  const upstream = new Set<string>();
  const pending = [joinId];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const node = graph.nodes[id];
    if (!node) continue;
    const previous = node.incoming.map((flowId) => graph.flows[flowId]?.sourceId ?? '');
    if (node.kind === 'boundaryEvent') previous.push(node.attachedToId);
    for (const source of previous) {
      if (source === joinId || upstream.has(source) || !graph.nodes[source]) continue;
      upstream.add(source);
      pending.push(source);
    }
  }
  perJoin.set(joinId, upstream);
  return upstream;
}
