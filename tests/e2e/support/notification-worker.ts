/**
 * The team's own worker of the reference procedures: the notification job types their send
 * tasks name (`citizen.notify`, `oncall.notify`, `staff.notify`) are outside the AI catalog, so
 * they run on the external task queue, as Camunda job workers would serve them. This one only
 * records each call (type, element, the task's mapped variables and headers) for assertions.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import type { ServiceTaskRequest } from '../../../activities/contracts';

export const NOTIFICATION_TYPES = ['citizen.notify', 'oncall.notify', 'staff.notify'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotificationCall {
  type: NotificationType;
  instanceId: string;
  elementId: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface NotificationWorker {
  calls: NotificationCall[];
  /** The calls one instance made, in the order the worker received them. */
  callsOf(instanceId: string): NotificationCall[];
  stop(): Promise<void>;
}

export async function startNotificationWorker(temporalAddress: string, taskQueue: string): Promise<NotificationWorker> {
  const calls: NotificationCall[] = [];
  const serve = (type: NotificationType) => async (request: ServiceTaskRequest) => {
    calls.push({ type, instanceId: request.instance.instanceId, elementId: request.instance.elementId, variables: request.variables, headers: request.headers });
    // What a real gateway would answer: an acknowledgement the process may keep (or ignore).
    return {};
  };
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    activities: Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, serve(type)])),
  });
  const running = worker.run();
  return {
    calls,
    callsOf: (instanceId) => calls.filter((call) => call.instanceId === instanceId),
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
