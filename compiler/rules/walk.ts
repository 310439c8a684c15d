/** How tokens move over a graph, for rules that follow paths. */
import type { GraphNode, ProcessGraph } from '../graph';

const attachedIndex = new WeakMap<ProcessGraph, Map<string, string[]>>();

/** Boundary events by the id of the element they are attached to (whatever its kind). */
function boundaryEventsOn(graph: ProcessGraph, nodeId: string): string[] {
  let index = attachedIndex.get(graph);
  if (!index) {
    index = new Map();
    for (const node of Object.values(graph.nodes)) {
      if (node.kind !== 'boundaryEvent') continue;
      const onHost = index.get(node.attachedToId);
      if (onHost) onHost.push(node.id);
      else index.set(node.attachedToId, [node.id]);
    }
    attachedIndex.set(graph, index);
  }
  return index.get(nodeId) ?? [];
}

/**
 * Where tokens appear without coming from another node: the process's start events (none, or
 * waiting for a message, a timer or a signal) and its event subprocesses.
 */
export function entryNodeIds(graph: ProcessGraph): string[] {
  const starts = Object.values(graph.nodes).filter((node) => node.kind === 'startEvent' && node.scopeId === undefined);
  return [...starts.map((node) => node.id), ...(graph.eventSubProcessIds ?? [])];
}

const reachedFromEntries = new WeakMap<ProcessGraph, Set<string>>();

/** Ids of the nodes a token can reach from the entries (computed once per graph: several rules ask). */
export function reachableFromEntries(graph: ProcessGraph): ReadonlySet<string> {
  let reached = reachedFromEntries.get(graph);
  if (!reached) reachedFromEntries.set(graph, (reached = reachable(graph, entryNodeIds(graph))));
  return reached;
}

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

function flowTargets(graph: ProcessGraph, flowIds: readonly string[]): string[] {
  return flowIds.map((flowId) => graph.flows[flowId]?.targetId).filter((id): id is string => id !== undefined);
}

/**
 * Where a token goes when it ends at `node`, inside a subprocess: a subprocess whose last token
 * ends completes and leaves by its outgoing flows, and so does one whose event subprocess ends.
 * An error end event does not complete its scope: it is caught by a boundary event of a host
 * (which the host's successors already hold) or by an event subprocess.
 */
function scopeExits(graph: ProcessGraph, node: GraphNode): string[] {
  if (node.outgoing.length > 0 || node.scopeId === undefined) return [];
  if (node.kind === 'errorEndEvent' || node.kind === 'eventSubProcess') return [];
  let scope = graph.nodes[node.scopeId];
  if (scope?.kind === 'eventSubProcess') scope = scope.scopeId === undefined ? undefined : graph.nodes[scope.scopeId];
  return scope?.kind === 'subProcess' ? flowTargets(graph, scope.outgoing) : [];
}

/**
 * Where a token can go from `node`: the targets of its outgoing flows (a link throw event's
 * synthetic flow included), or for a subprocess its start events and event subprocesses; the
 * subprocess's next steps when it ends a subprocess; and the boundary events attached to it
 * (which leave the activity without it finishing).
 */
export function successors(graph: ProcessGraph, node: GraphNode): string[] {
  // A subprocess is left when its content ends (see scopeExits), not when it is entered; one
  // without a start event (an error already) is stepped over, so what follows is not unreachable too.
  const entered = node.kind === 'subProcess' && node.startNodeIds.length > 0;
  const next = entered ? [...node.startNodeIds, ...node.eventSubProcessIds] : flowTargets(graph, node.outgoing);
  if (node.kind === 'eventSubProcess' && node.startNodeId !== '') next.push(node.startNodeId);
  next.push(...scopeExits(graph, node));
  next.push(...boundaryEventsOn(graph, node.id));
  return next;
}
