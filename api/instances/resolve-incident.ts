/**
 * Resolving an incident: the `resolveIncident` Update makes its element run again, with the
 * variables given set first (in the incident's scope). The workflow's validator refuses an
 * unknown or already resolved incident: a second resolution is a 409, never a second retry.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { resolveIncidentUpdate, type ResolveIncidentResult } from '../../workflows/definitions';
import { problems } from '../problems';
import { findInstance } from './find-instance';

export async function resolveIncident(client: Client, instanceId: string, incidentId: string, variables: Record<string, unknown> | undefined, resolvedBy: string): Promise<ResolveIncidentResult & { instanceId: string }> {
  const { handle, description } = await findInstance(client, instanceId);
  if (description.status.name !== 'RUNNING') {
    throw problems.conflict(`Instance ${instanceId} is over (${description.status.name.toLowerCase()}); it has no incident left to resolve.`, {
      currentStatus: description.status.name.toLowerCase(),
    });
  }
  try {
    const result = await handle.executeUpdate(resolveIncidentUpdate, { args: [{ incidentId, resolvedBy, ...(variables ? { variables } : {}) }] });
    return { instanceId, ...result };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      throw problems.conflict(
        `Incident ${incidentId} is not open in instance ${instanceId} (unknown, or already resolved): ${error.cause?.message ?? error.message}. Read the instance (GET /api/v1/instances/${instanceId}) for its open incidents.`,
      );
    }
    if (error instanceof WorkflowNotFoundError) throw problems.conflict(`Instance ${instanceId} ended meanwhile; it has no incident left to resolve.`);
    throw error;
  }
}
