/**
 * The worker's side of message start events: when an instance a message started is over, it
 * releases the (process, correlation key) lock, and a message of that key that waited in the
 * buffer starts the next instance (platform/instances/message-start.ts), with the worker's own
 * Temporal client.
 */
import { Context } from '@temporalio/activity';
import { releaseMessageStart } from '../platform/instances/message-start';
import type { MessageStartActivities } from './contracts';

export function messageStartActivities(externalTaskQueue: string): MessageStartActivities {
  return {
    async releaseMessageStart(ended) {
      const { client, info } = Context.current();
      await releaseMessageStart({ client, taskQueue: info.taskQueue, externalTaskQueue }, ended);
    },
  };
}
