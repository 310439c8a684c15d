/**
 * Live refresh of the inbox: `GET /api/v1/tasks/events` (Server-Sent Events). The inbox index
 * (inbox-index.ts) follows the task change log of the shared database, so a claim made through
 * any API replica, or a task opened by a worker, reaches the listeners of every replica; each
 * listener gets the changes of the tasks it may see.
 */
import type { Response } from 'express';
import type { CurrentUser } from '../auth/current-user';
import type { InboxIndex, TaskSummaryRecord } from './inbox-index';
import { canSee } from './task-access';

const KEEP_ALIVE_MS = 20_000;

export interface TaskChange {
  id: string;
  instanceId: string;
  name: string;
  state: string;
  assignee: string | null;
  revision: number;
  updatedAt: string;
}

interface Listener {
  user: CurrentUser;
  response: Response;
}

export class TaskEventHub {
  private readonly listeners = new Set<Listener>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly index: InboxIndex) {}

  /** Streams changes to `response` until the client goes away. */
  listen(user: CurrentUser, response: Response): void {
    response.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    // Reconnecting clients wait 2 s (EventSource's retry), then reload the list themselves.
    response.write(`retry: 2000\n: connected\n\n`);
    const listener: Listener = { user, response };
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.listeners.add(listener);
    this.unsubscribe ??= this.index.onChange((task) => this.broadcast(task));
    // Following starts with the index; a failed start is retried by the next inbox request.
    this.index.ready().catch((error: unknown) => console.error(`api: task events: the inbox index did not load: ${String(error)}`));
    response.on('close', () => {
      clearInterval(keepAlive);
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
      }
    });
  }

  private broadcast(task: TaskSummaryRecord): void {
    const change: TaskChange = {
      id: task._id,
      instanceId: task.instanceId,
      name: task.name,
      state: task.state,
      assignee: task.assignee ?? null,
      revision: task.revision ?? 0,
      updatedAt: task.updatedAt.toISOString(),
    };
    const frame = `event: task\nid: ${change.updatedAt}\ndata: ${JSON.stringify(change)}\n\n`;
    for (const listener of this.listeners) {
      if (canSee(listener.user, task)) listener.response.write(frame);
    }
  }
}
