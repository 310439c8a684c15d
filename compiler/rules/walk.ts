/** How tokens move over a graph, for rules that follow paths. */
import type { GraphNode, ProcessGraph } from '../graph';

const attachedIndex = new WeakMap<ProcessGraph, Map<string, string[]>>();

/** Boundary events by the id of the element they are attached to (whatever its kind). */
function boundaryEventsOn(graph: ProcessGraph, nodeId: string): string[] {
  let index = attachedIndex.get(graph);
  if (!index) {
    index = new Map();
    for (const node of Object.values(graph.nodes)) {
      if (node.kind === 'boundaryEvent') index.set(node.attachedToId, [...(index.get(node.attachedToId) ?? []), node.id]);
    }
    attachedIndex.set(graph, index);
  }
  return index.get(nodeId) ?? [];
}

/**
 * Where a token can go from `node`: the targets of its outgoing flows, and the boundary events
 * attached to it (which leave the activity without it finishing).
 */
/**
 * Ids of the nodes a token can reach from `starts`, each node's next steps given by `next`
 * (by default its successors).
 */
export function reachable(graph: ProcessGraph, starts: readonly string[], next: (node: GraphNode) => string[] = (node) => successors(graph, node)): Set<string> {
  const reached = new Set<string>();
  const pending = [...starts];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const node = graph.nodes[id];
    if (!node || reached.has(id)) continue;
    reached.add(id);
    pending.push(...next(node));
  }
  return reached;
}

export function successors(graph: ProcessGraph, node: GraphNode): string[] {
  const next: string[] = [];
  for (const flowId of node.outgoing) {
    const target = graph.flows[flowId]?.targetId;
    if (target !== undefined) next.push(target);
  }
  next.push(...boundaryEventsOn(graph, node.id));
  return next;
}
