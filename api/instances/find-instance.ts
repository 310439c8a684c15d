import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription, type WorkflowHandle } from '@temporalio/client';
import { PROCESS_WORKFLOW } from '../../workflows/definitions';
import { problems } from '../problems';

/** The Temporal handle and description of a process instance; 404 for any other id. */
export async function findInstance(client: Client, instanceId: string): Promise<{ handle: WorkflowHandle; description: WorkflowExecutionDescription }> {
  const handle = client.workflow.getHandle(instanceId);
  let description: WorkflowExecutionDescription;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw problems.notFound('Instance', instanceId);
    throw error;
  }
  // Workflows of other types may share the namespace: they are not instances.
  if (description.type !== PROCESS_WORKFLOW) throw problems.notFound('Instance', instanceId);
  return { handle, description };
}
