/**
 * The process-level start events with a trigger (message, signal, timer) of the latest deployed
 * version of each process: only the latest version's start events start instances, as in
 * Camunda (deploying a version closes the previous version's start subscriptions).
 */
import { evaluate } from 'feelin';
import type { EventTrigger, ProcessGraph, StartEventNode, ValueSource } from '../../compiler/graph';
import { ProcessVersionModel } from '../storage';
import type { DeployedVersion } from './start-version';

export interface EventStart {
  deployed: DeployedVersion;
  startEvent: StartEventNode & { trigger: EventTrigger };
}

/** Start event names are static in Camunda; a FEEL one is evaluated without variables. */
export function staticValue(source: ValueSource): string | undefined {
  if ('value' in source) return source.value;
  try {
    const value = evaluate(source.feel, {}).value as unknown;
    return value === null || value === undefined ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/** The triggered start events of the process level of `graph` (event subprocesses' have a `scopeId`). */
export function triggeredStartEvents(graph: ProcessGraph): EventStart['startEvent'][] {
  return Object.values(graph.nodes).filter(
    (node): node is EventStart['startEvent'] => node.kind === 'startEvent' && node.trigger !== undefined && node.scopeId === undefined,
  );
}

/**
 * The triggered start events of each deployed version, by the version record's id: versions
 * never change, so each graph is read once, not on every publication.
 */
const startEventsByVersion = new Map<string, EventStart['startEvent'][]>();

/** The start events of the latest versions whose trigger `matches`. */
export async function latestStartEvents(matches: (trigger: EventTrigger) => boolean): Promise<EventStart[]> {
  const versions = await ProcessVersionModel.find({}, { processKey: 1, version: 1 }).sort({ processKey: 1, version: -1 }).lean();
  const latest = new Map<string, { id: string; version: number }>();
  for (const { _id, processKey, version } of versions) if (!latest.has(processKey)) latest.set(processKey, { id: String(_id), version });
  const unread = [...latest.values()].filter(({ id }) => !startEventsByVersion.has(id)).map(({ id }) => id);
  if (unread.length > 0) {
    const graphs = await ProcessVersionModel.find({ _id: { $in: unread } }, { graph: 1 }).lean();
    for (const { _id, graph } of graphs) startEventsByVersion.set(String(_id), triggeredStartEvents(graph as ProcessGraph));
  }
  const matching = [...latest]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([processKey, { id, version }]) => ({ processKey, version, id, startEvents: (startEventsByVersion.get(id) ?? []).filter((node) => matches(node.trigger)) }))
    .filter(({ startEvents }) => startEvents.length > 0);
  if (matching.length === 0) return [];
  // Starting needs the whole graph: read only for the processes that start.
  const graphs = await ProcessVersionModel.find({ _id: { $in: matching.map(({ id }) => id) } }, { graph: 1 }).lean();
  return matching.flatMap(({ processKey, version, id, startEvents }) => {
    const deployed = graphs.find((g) => String(g._id) === id);
    return deployed ? startEvents.map((startEvent) => ({ deployed: { processKey, version, graph: deployed.graph }, startEvent })) : [];
  });
}
