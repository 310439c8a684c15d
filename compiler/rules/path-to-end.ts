/**
 * Elements from which no path reaches an end: a token that gets there never leaves (a loop
 * without exit). bpmnlint has no such rule (its `no-implicit-end` and `end-event-required` look
 * at single elements); Camunda deploys these models too.
 *
 * A warning, not an error: the model runs as drawn, and an endless loop can be meant (a poller
 * that an operator cancels), but a process owner should know that instances can stay open
 * forever, holding their tasks and their data past any retention period.
 *
 * What counts as finishing, scope by scope:
 * - an element without outgoing flows ends its token (an end event, or Camunda's implicit end);
 *   a subprocess must first complete, i.e. one of its start events must finish inside it;
 * - else one of its outgoing flows (link flows included) must lead to an element that finishes;
 * - or an interrupting boundary event on it must finish (a non-interrupting one leaves the
 *   token where it is);
 * - or an enclosing scope can be interrupted: an interrupting boundary event on an enclosing
 *   subprocess, or an interrupting event subprocess of an enclosing scope (the process
 *   included), whose own path finishes.
 */
import type { GraphNode, ProcessGraph } from '../graph';
import type { Rule } from './rule';
import { reachableFromEntries } from './walk';

interface Indexes {
  /** Interrupting boundary events, by host id. */
  interrupting: Map<string, string[]>;
  /** Node ids directly inside each scope (`undefined`: the process level). */
  children: Map<string | undefined, string[]>;
}

function index(graph: ProcessGraph): Indexes {
  const interrupting = new Map<string, string[]>();
  const children = new Map<string | undefined, string[]>();
  // Appended in place: copying the lists would be quadratic in a scope of thousands of nodes.
  const add = <K,>(map: Map<K, string[]>, key: K, id: string) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
  };
  for (const node of Object.values(graph.nodes)) {
    if (node.kind === 'boundaryEvent' && node.cancelActivity) add(interrupting, node.attachedToId, node.id);
    add(children, node.scopeId, node.id);
  }
  return { interrupting, children };
}

/** The interrupting event subprocesses of a scope (`undefined`: the process level). */
function interruptingEventSubProcesses(graph: ProcessGraph, scopeId: string | undefined): GraphNode[] {
  const scope = scopeId === undefined ? undefined : graph.nodes[scopeId];
  const ids = scopeId === undefined ? graph.eventSubProcessIds : scope?.kind === 'subProcess' ? scope.eventSubProcessIds : undefined;
  const found: GraphNode[] = [];
  for (const id of ids ?? []) {
    const eventSubProcess = graph.nodes[id];
    const start = eventSubProcess?.kind === 'eventSubProcess' ? graph.nodes[eventSubProcess.startNodeId] : undefined;
    if (start?.kind === 'startEvent' && start.interrupting !== false) found.push(start);
  }
  return found;
}

/** The ids of the nodes from which a token can finish (see the file comment). */
export function finishingNodes(graph: ProcessGraph): Set<string> {
  const { interrupting, children } = index(graph);
  const finishing = new Set<string>();
  const anyFinishes = (ids: readonly string[] | undefined) => (ids ?? []).some((id) => finishing.has(id));
  const targets = (node: GraphNode) => node.outgoing.map((flowId) => graph.flows[flowId]?.targetId ?? '');

  /** True when a scope around `node` can be interrupted by a path that finishes. */
  const rescued = (node: GraphNode): boolean => {
    const seen = new Set<string>();
    for (let scopeId = node.scopeId; ; ) {
      if (interruptingEventSubProcesses(graph, scopeId).some((start) => finishing.has(start.id))) return true;
      if (scopeId === undefined || seen.has(scopeId)) return false;
      seen.add(scopeId);
      if (anyFinishes(interrupting.get(scopeId))) return true;
      scopeId = graph.nodes[scopeId]?.scopeId;
    }
  };

  const finishes = (node: GraphNode): boolean => {
    // Event subprocesses are not on any token's path: their start events are checked instead.
    if (node.kind === 'eventSubProcess') return true;
    const completes = node.kind !== 'subProcess' || node.startNodeIds.length === 0 || anyFinishes(node.startNodeIds);
    const leaves = node.outgoing.length === 0 || anyFinishes(targets(node));
    return (completes && leaves) || anyFinishes(interrupting.get(node.id)) || rescued(node);
  };

  /** Whom a node's finishing may let finish in turn. */
  const dependents = (node: GraphNode): string[] => {
    const found = node.incoming.map((flowId) => graph.flows[flowId]?.sourceId ?? '');
    const scope = node.scopeId === undefined ? undefined : graph.nodes[node.scopeId];
    if (scope?.kind === 'subProcess' && scope.startNodeIds.includes(node.id)) found.push(scope.id);
    if (node.kind === 'boundaryEvent') {
      found.push(node.attachedToId);
      if (node.cancelActivity) found.push(...descendants(node.attachedToId));
    }
    if (scope?.kind === 'eventSubProcess' && scope.startNodeId === node.id) found.push(...descendants(scope.scopeId));
    return found;
  };

  /** Every node inside a scope, however deep (`undefined`: the whole process). */
  const descendants = (scopeId: string | undefined): string[] => {
    const found: string[] = [];
    const pending = [...(children.get(scopeId) ?? [])];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      found.push(id);
      pending.push(...(children.get(id) ?? []));
    }
    return found;
  };

  const pending = Object.keys(graph.nodes);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const node = graph.nodes[id];
    if (!node || finishing.has(id) || !finishes(node)) continue;
    finishing.add(id);
    pending.push(...dependents(node));
  }
  return finishing;
}

export const pathToEnd: Rule = {
  id: 'path-to-end',
  check({ graph, report }) {
    const finishing = finishingNodes(graph);
    // Elements no token reaches are element-reachable's to report.
    const reached = reachableFromEntries(graph);
    for (const node of Object.values(graph.nodes)) {
      if (finishing.has(node.id) || !reached.has(node.id)) continue;
      report({
        ruleId: this.id,
        severity: 'warning',
        elementId: node.id,
        message: {
          fr: `Aucun chemin ne mène de « ${node.name ?? node.id} » à un événement de fin : une instance qui y arrive ne se terminera jamais.`,
          en: `No path leads from "${node.name ?? node.id}" to an end event: an instance that gets there never ends.`,
        },
        hint: {
          fr: 'Donnez une sortie à la boucle : un flux (avec condition) vers un événement de fin, ou un événement de bordure interrompant (minuteur, message) qui y mène.',
          en: 'Give the loop an exit: a flow (with a condition) to an end event, or an interrupting boundary event (timer, message) that leads to one.',
        },
      });
    }
  },
};
