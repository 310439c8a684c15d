import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowCancellationType,
  ChildWorkflowFailure,
  executeChild,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
} from '@temporalio/workflow';
import type { CallActivityActivities } from '../../../activities/contracts';
import type { CallActivityNode, EventSubProcessNode, ProcessGraph, SubProcessNode } from '../../../compiler/graph';
import { businessKeyAttribute, processKeyAttribute, processVersionAttribute } from '../../search-attributes';
import { PROCESS_WORKFLOW, type RunProcessInput, type RunProcessResult } from '../../definitions';
import { nextDerivedId, type Behavior, type ScopeSnapshotSlot } from '../context';
import { applyMappings, resolveValue } from '../feel';
import { IncidentError } from '../incident';
import { BPMN_ERROR_FAILURE, throwBpmnError } from '../raise';
import { runScope } from '../scope';
import { VariableScope } from '../variables';
import { applyResult } from './service-task';

const { resolveCalledProcess } = proxyActivities<CallActivityActivities>({
  startToCloseTimeout: '10 seconds', // one database read
  retry: { maximumAttempts: 5 },
});

/**
 * An embedded subprocess runs its tokens in a scope of its own: input mappings become its
 * local variables; output mappings, evaluated in it when it completes, write to the parent
 * (Camunda 8). Variables set inside without a mapping go where they live, as everywhere.
 */
export const subProcess: Behavior<SubProcessNode> = async (node, context, token) => {
  // A continued instance takes up the run its previous run left, with its tokens where they were.
  const resume = token.resume?.wait?.kind === 'subProcess' ? token.resume.wait.scope : undefined;
  const key = resume?.key ?? `${node.id}#${context.nextOccurrence(`${node.id}/scope`)}`;
  const variables = new VariableScope(key, resume?.variables ?? applyMappings(node.inputs, context.scope.variables.visible(), node.id), context.scope.variables);
  // The subprocess is parked while every token inside is.
  const inner: ScopeSnapshotSlot = {};
  token.slot.describe = () => {
    const scope = inner.snapshot?.();
    return scope && { kind: 'subProcess', scope };
  };
  try {
    const starts = resume ? [] : node.startNodeIds.map((nodeId) => ({ nodeId }));
    await runScope(context, { elementId: node.id, variables, starts, eventSubProcessIds: node.eventSubProcessIds, snapshotSlot: inner, ...(resume ? { resume } : {}) }, context.scope);
  } finally {
    delete token.slot.describe;
  }
  if (node.outputs.length > 0) context.scope.variables.propagate(applyMappings(node.outputs, variables.visible(), node.id));
  return node.outgoing;
};

/** Event subprocesses are started by their trigger (see scope.ts), never entered by a flow. */
export const eventSubProcess: Behavior<EventSubProcessNode> = async (node) => {
  throw new IncidentError(node.id, 'an event subprocess is started by its start event, not entered by a token');
};

/**
 * A call activity runs the called process as a child workflow of this instance: canceling the
 * call activity (boundary event, terminate, instance canceled) cancels the child, which closes
 * its tasks first. A BPMN error the child does not catch comes back as an error thrown here.
 */
export const callActivity: Behavior<CallActivityNode> = async (node, context) => {
  const visible = context.scope.variables.visible();
  const processKey = resolveValue(node.processKey, visible, node.id);
  if (typeof processKey !== 'string' || processKey === '') {
    throw new IncidentError(node.id, `the called process id gave ${JSON.stringify(processKey)}, not a process id`);
  }
  let called: { graph: unknown; processVersion: number };
  try {
    called = await resolveCalledProcess({ processKey, binding: node.binding, instance: { ...context.instance, elementId: node.id } });
  } catch (error) {
    if (error instanceof ActivityFailure) throw new IncidentError(node.id, `process "${processKey}" cannot be called: ${error.cause?.message ?? error.message}`);
    throw error;
  }
  const inputs = applyMappings(node.inputs, visible, node.id);
  const input: RunProcessInput = {
    graph: called.graph as ProcessGraph,
    processVersion: called.processVersion,
    variables: node.propagateAllParentVariables ? { ...visible, ...inputs } : inputs,
    externalTaskQueue: context.externalTaskQueue,
    ...(context.instance.businessKey ? { businessKey: context.instance.businessKey } : {}),
    parent: { instanceId: context.instance.instanceId, elementId: node.id },
  };
  let result: RunProcessResult;
  try {
    result = await executeChild(PROCESS_WORKFLOW, {
      args: [input],
      workflowId: nextDerivedId(context, node.id),
      // The parent waits until the child has closed its tasks before its token moves on.
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      typedSearchAttributes: [
        { key: processKeyAttribute, value: processKey },
        { key: processVersionAttribute, value: called.processVersion },
        ...(context.instance.businessKey ? [{ key: businessKeyAttribute, value: context.instance.businessKey }] : []),
      ],
    });
  } catch (error) {
    if (isCancellation(error)) throw error;
    const cause = error instanceof ChildWorkflowFailure ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === BPMN_ERROR_FAILURE) {
      const details = (cause.details?.[0] ?? {}) as { errorCode?: string; errorMessage?: string };
      throwBpmnError(context, { code: details.errorCode ?? cause.message, elementId: node.id, ...(details.errorMessage ? { message: details.errorMessage } : {}) });
    }
    throw new IncidentError(node.id, `the called process "${processKey}" failed: ${cause?.message ?? (error as Error).message}`);
  }
  // Camunda: all the child's variables come back unless propagateAllChildVariables is off; output mappings pick from them.
  if (node.propagateAllChildVariables || node.outputs.length > 0) applyResult(node, result.variables, context);
  return node.outgoing;
};
