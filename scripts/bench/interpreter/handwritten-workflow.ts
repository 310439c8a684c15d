/**
 * bench:interpreter, variant (b): five-steps.bpmn written by hand as a Temporal workflow, with
 * the same activity, arguments and concurrency as the interpreter gives it: A, then (if A's
 * result says ok, else end) B and C at once, then end. Bundled on its own by the bench; it is
 * not one of the platform's workflows (workflows/index.ts).
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { InstanceRef, ServiceTaskRequest, ServiceTaskResult } from '../../../activities/contracts';

export interface HandwrittenInput {
  variables: Record<string, unknown>;
}

export interface HandwrittenResult {
  variables: Record<string, unknown>;
}

// The options the interpreter's service tasks use (a compiled task has 3 retries by default).
const { 'bench.step': step } = proxyActivities<Record<'bench.step', (request: ServiceTaskRequest) => Promise<ServiceTaskResult>>>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3 },
});

export async function handwrittenFiveSteps(input: HandwrittenInput): Promise<HandwrittenResult> {
  const variables: Record<string, unknown> = { ...input.variables };
  const instance: Omit<InstanceRef, 'elementId'> = {
    instanceId: workflowInfo().workflowId,
    processKey: 'bench-five-steps',
    processVersion: 1,
    dataClassification: 'sensitive',
  };
  const run = (elementId: string, stepName: string) =>
    step({ variables: { ...variables }, headers: { step: stepName, resultVariable: stepName }, instance: { ...instance, elementId } });

  const a = await run('step-a', 'a');
  variables.a = a;
  if (a.ok !== true) return { variables };
  const [b, c] = await Promise.all([run('step-b', 'b'), run('step-c', 'c')]);
  variables.b = b;
  variables.c = c;
  return { variables };
}
