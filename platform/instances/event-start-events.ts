/**
 * The process-level start events with a trigger (message, signal, timer) of the latest deployed
 * version of each process: only the latest version's start events start instances, as in
 * Camunda (deploying a version closes the previous version's start subscriptions).
 */
import { evaluate } from 'feelin';
import type { EventTrigger, ProcessGraph, StartEventNode, ValueSource } from '../../compiler/graph';
import { ProcessSummaryModel, ProcessVersionModel } from '../storage';
import { backfillSummaries } from '../storage/process-summaries';
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
 * The triggered start events of each deployed version, by `<process key>@<version>`: versions
 * never change, so each graph is read once, not on every publication.
 */
const startEventsByVersion = new Map<string, EventStart['startEvent'][]>();
const versionKey = (processKey: string, version: number) => `${processKey}@${version}`;

/** Reads the graphs of these versions (one query). */
async function graphsOf(versions: readonly { processKey: string; version: number }[]): Promise<Map<string, ProcessGraph>> {
  const records = await ProcessVersionModel.find({ $or: versions.map(({ processKey, version }) => ({ processKey, version })) }, { processKey: 1, version: 1, graph: 1 }).lean();
  return new Map(records.map((record) => [versionKey(record.processKey, record.version), record.graph as ProcessGraph]));
}

/**
 * The start events of the latest versions whose trigger `matches`. The latest versions come
 * from the process summaries (one small record per process), not from every version.
 */
export async function latestStartEvents(matches: (trigger: EventTrigger) => boolean): Promise<EventStart[]> {
  await backfillSummaries();
  const summaries = await ProcessSummaryModel.find({ latestVersion: { $ne: null } }, { latestVersion: 1 }).lean();
  const latest = summaries.map(({ _id, latestVersion }) => ({ processKey: _id, version: latestVersion! })).sort((a, b) => a.processKey.localeCompare(b.processKey));
  const unread = latest.filter(({ processKey, version }) => !startEventsByVersion.has(versionKey(processKey, version)));
  if (unread.length > 0) {
    for (const [key, graph] of await graphsOf(unread)) startEventsByVersion.set(key, triggeredStartEvents(graph));
  }
  const matching = latest
    .map((deployed) => ({ ...deployed, startEvents: (startEventsByVersion.get(versionKey(deployed.processKey, deployed.version)) ?? []).filter((node) => matches(node.trigger)) }))
    .filter(({ startEvents }) => startEvents.length > 0);
  if (matching.length === 0) return [];
  // Starting needs the whole graph: read only for the processes that start.
  const graphs = await graphsOf(matching);
  return matching.flatMap(({ processKey, version, startEvents }) => {
    const graph = graphs.get(versionKey(processKey, version));
    return graph ? startEvents.map((startEvent) => ({ deployed: { processKey, version, graph }, startEvent })) : [];
  });
}
