/**
 * What an instance does at its very start and its very end besides running its tokens, for
 * the instances the API did not prepare:
 * - started without the API (a timer start event's schedule), it reserves the reference number
 *   the API would have given it (platform/reference-numbers.ts);
 * - started by a message, it releases its (process, correlation key) lock when it is over, so
 *   that a message of that key waiting in the buffer starts the next instance (Camunda).
 * Both are patched: instances recorded before did neither.
 */
import { CancellationScope, patched, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { MessageStartActivities, ReferenceActivities } from '../../activities/contracts';
import { REFERENCE_PATTERN_PROPERTY, REFERENCE_VARIABLE, type RunProcessInput } from '../definitions';
import { businessKeyAttribute } from '../search-attributes';
import type { InstanceRuntime } from './context';
import type { VariableScope } from './variables';

const { reserveReference } = proxyActivities<ReferenceActivities>({ startToCloseTimeout: '10 seconds' });
const { releaseMessageStart } = proxyActivities<MessageStartActivities>({ startToCloseTimeout: '30 seconds' });

/** Gives a first run without a business key its process's reference number, if the process has a pattern. */
export async function reserveReferenceIfUnnumbered(input: RunProcessInput, runtime: InstanceRuntime, processVariables: VariableScope): Promise<void> {
  const pattern = input.graph.properties?.[REFERENCE_PATTERN_PROPERTY];
  if (input.businessKey || input.continued || !pattern || !patched('reference-for-instances-started-without-the-api')) return;
  const reference = await reserveReference({ processKey: input.graph.processKey, pattern });
  runtime.instance.businessKey = reference;
  processVariables.propagate({ [REFERENCE_VARIABLE]: reference });
  upsertSearchAttributes([{ key: businessKeyAttribute, value: reference }]);
}

/** Called once the instance is over (not when it continues as new), whatever the outcome. */
export async function releaseMessageStartIfStartedByMessage(input: RunProcessInput): Promise<void> {
  const startNode = input.startNodeId ? input.graph.nodes[input.startNodeId] : undefined;
  const startedByMessage = startNode?.kind === 'startEvent' && startNode.trigger?.type === 'message' && startNode.scopeId === undefined;
  if (!startedByMessage || !input.businessKey || !patched('start-buffered-message-when-over')) return;
  const ended = { instanceId: workflowInfo().workflowId, processKey: input.graph.processKey, correlationKey: input.businessKey };
  await CancellationScope.nonCancellable(() => releaseMessageStart(ended));
}
