/**
 * Starts an instance of a deployed version as a Temporal workflow, then indexes it in MongoDB.
 * Every start goes through `startVersion`: the API's, those of message and signal start events
 * (at their start event), and the worker's when a message that waited in the buffer may start
 * an instance at last (platform/instances/message-start.ts), so each gets its reference number
 * and search attributes.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { ProcessGraph } from '../../compiler';
import { PROCESS_WORKFLOW, REFERENCE_PATTERN_PROPERTY, REFERENCE_VARIABLE, type RunProcessInput } from '../../workflows/definitions';
import { businessKeyAttribute, processKeyAttribute, processVersionAttribute } from '../../workflows/search-attributes';
import { nextReference } from '../reference-numbers';
import { InstanceModel } from '../storage';

export interface TemporalSettings {
  client: Client;
  taskQueue: string;
  externalTaskQueue: string;
}

/** What starting needs of a deployed version. */
export interface DeployedVersion {
  processKey: string;
  version: number;
  graph: unknown;
}

export interface StartVersionRequest {
  deployed: DeployedVersion;
  variables: Record<string, unknown>;
  businessKey?: string;
  startedBy: string;
  /** A message, signal or timer start event; absent: the none start event. */
  startNodeId?: string;
  /**
   * A derived id, for starts that may be retried (a resumed signal broadcast): Temporal then
   * refuses the second start (WorkflowExecutionAlreadyStartedError) instead of running it twice.
   */
  instanceId?: string;
}

export interface StartedInstance {
  instanceId: string;
  processKey: string;
  version: number;
  businessKey: string | null;
}

export async function startVersion(request: StartVersionRequest, temporal: TemporalSettings): Promise<StartedInstance> {
  const { deployed } = request;
  const graph = deployed.graph as ProcessGraph;
  const instanceId = request.instanceId ?? `${deployed.processKey}-${randomUUID()}`;
  let businessKey = request.businessKey;
  let variables = request.variables;
  const pattern = graph.properties?.[REFERENCE_PATTERN_PROPERTY];
  if (!businessKey && pattern) {
    businessKey = await nextReference(deployed.processKey, pattern);
    variables = { ...variables, [REFERENCE_VARIABLE]: businessKey };
  }
  const input: RunProcessInput = {
    graph,
    processVersion: deployed.version,
    variables,
    ...(businessKey ? { businessKey } : {}),
    externalTaskQueue: temporal.externalTaskQueue,
    ...(request.startNodeId ? { startNodeId: request.startNodeId } : {}),
  };
  await temporal.client.workflow.start(PROCESS_WORKFLOW, {
    workflowId: instanceId,
    taskQueue: temporal.taskQueue,
    args: [input],
    ...(request.instanceId ? { workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE } : {}),
    typedSearchAttributes: [
      { key: processKeyAttribute, value: deployed.processKey },
      { key: processVersionAttribute, value: deployed.version },
      ...(businessKey ? [{ key: businessKeyAttribute, value: businessKey }] : []),
    ],
  });
  await InstanceModel.updateOne(
    { _id: instanceId },
    { $set: { processKey: deployed.processKey, processVersion: deployed.version, businessKey: businessKey ?? null, startedBy: request.startedBy, startedAt: new Date() } },
    { upsert: true },
  );
  return { instanceId, processKey: deployed.processKey, version: deployed.version, businessKey: businessKey ?? null };
}
