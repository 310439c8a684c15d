/** Starts an instance of a deployed version as a Temporal workflow, then indexes it in MongoDB. */
import { randomUUID } from 'node:crypto';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { ProcessGraph } from '../../compiler';
import { InstanceModel, ProcessVersionModel } from '../../platform/storage';
import { PROCESS_WORKFLOW, type RunProcessInput } from '../../workflows/definitions';
import { problems } from '../problems';

const processKeyAttribute = defineSearchAttributeKey('RouageProcessKey', SearchAttributeType.KEYWORD);
const processVersionAttribute = defineSearchAttributeKey('RouageProcessVersion', SearchAttributeType.INT);
const businessKeyAttribute = defineSearchAttributeKey('RouageBusinessKey', SearchAttributeType.KEYWORD);

export interface StartInstanceRequest {
  processKey: string;
  version?: number;
  variables: Record<string, unknown>;
  businessKey?: string;
  startedBy: string;
}

export interface TemporalSettings {
  client: Client;
  taskQueue: string;
  externalTaskQueue: string;
}

export async function startInstance(request: StartInstanceRequest, temporal: TemporalSettings) {
  const query = ProcessVersionModel.findOne({ processKey: request.processKey, ...(request.version ? { version: request.version } : {}) });
  const deployed = await query.sort({ version: -1 }).lean();
  if (!deployed) {
    throw problems.notFound(request.version ? 'Process version' : 'Process', request.version ? `${request.processKey} v${request.version}` : request.processKey);
  }
  const instanceId = `${request.processKey}-${randomUUID()}`;
  const input: RunProcessInput = {
    graph: deployed.graph as ProcessGraph,
    processVersion: deployed.version,
    variables: request.variables,
    ...(request.businessKey ? { businessKey: request.businessKey } : {}),
    externalTaskQueue: temporal.externalTaskQueue,
  };
  await temporal.client.workflow.start(PROCESS_WORKFLOW, {
    workflowId: instanceId,
    taskQueue: temporal.taskQueue,
    args: [input],
    typedSearchAttributes: [
      { key: processKeyAttribute, value: request.processKey },
      { key: processVersionAttribute, value: deployed.version },
      ...(request.businessKey ? [{ key: businessKeyAttribute, value: request.businessKey }] : []),
    ],
  });
  await InstanceModel.updateOne(
    { _id: instanceId },
    { $set: { processKey: request.processKey, processVersion: deployed.version, businessKey: request.businessKey ?? null, startedBy: request.startedBy, startedAt: new Date() } },
    { upsert: true },
  );
  return { instanceId, processKey: request.processKey, version: deployed.version };
}
