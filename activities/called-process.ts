/**
 * Call activities: the deployed version of the called process the child instance runs, read
 * from MongoDB (the latest, or the one the call activity pins).
 */
import { ApplicationFailure } from '@temporalio/common';
import { ProcessVersionModel } from '../platform/storage';
import type { CallActivityActivities, CalledProcess, CalledProcessRequest } from './contracts';

/** The failure type, for whoever reads the incident. */
export const CALLED_PROCESS_NOT_DEPLOYED = 'CalledProcessNotDeployed';

export async function resolveCalledProcess({ processKey, binding, instance }: CalledProcessRequest): Promise<CalledProcess> {
  const pinned = binding.type === 'version' ? binding.version : undefined;
  const deployed = await ProcessVersionModel.findOne({ processKey, ...(pinned !== undefined ? { version: pinned } : {}) }, { version: 1, graph: 1 })
    .sort({ version: -1 })
    .lean();
  if (!deployed) {
    const which = pinned !== undefined ? `version ${pinned} of process "${processKey}"` : `process "${processKey}"`;
    const quelle = pinned !== undefined ? `la version ${pinned} du processus « ${processKey} »` : `le processus « ${processKey} »`;
    // Retrying cannot help until someone deploys it; the incident says so, and resolving it retries.
    throw ApplicationFailure.nonRetryable(
      `Call activity ${instance.elementId} calls ${which}, which is not deployed: deploy it (POST /api/v1/processes), then resolve the incident. / ` +
        `L'activité d'appel ${instance.elementId} appelle ${quelle}, qui n'est pas déployé : déployez-le, puis résolvez l'incident.`,
      CALLED_PROCESS_NOT_DEPLOYED,
    );
  }
  return { graph: deployed.graph, processVersion: deployed.version };
}

/** What the worker registers (see `createActivities`). */
export const callActivityActivities: CallActivityActivities = { resolveCalledProcess };
