/** POST /processes/:key/instances: starts the latest version (or one asked for) through `startVersion`. */
import { startVersion, type StartedInstance, type TemporalSettings } from '../../platform/instances/start-version';
import { ProcessVersionModel } from '../../platform/storage';
import { problems } from '../problems';

export interface StartInstanceRequest {
  processKey: string;
  version?: number;
  variables: Record<string, unknown>;
  businessKey?: string;
  startedBy: string;
}

/** POST /processes/:key/instances: the latest version, or the one asked for, at its none start event. */
export async function startInstance(request: StartInstanceRequest, temporal: TemporalSettings): Promise<StartedInstance> {
  const query = ProcessVersionModel.findOne({ processKey: request.processKey, ...(request.version ? { version: request.version } : {}) }, { processKey: 1, version: 1, graph: 1 });
  const deployed = await query.sort({ version: -1 }).lean();
  if (!deployed) {
    throw problems.notFound(request.version ? 'Process version' : 'Process', request.version ? `${request.processKey} v${request.version}` : request.processKey);
  }
  return startVersion({ deployed, variables: request.variables, startedBy: request.startedBy, ...(request.businessKey ? { businessKey: request.businessKey } : {}) }, temporal);
}
