/**
 * Live refresh of the inbox: `GET /api/v1/tasks/events` (Server-Sent Events). FerretDB 1.x has
 * no change streams (DESIGN.md §6), so one poller per API process reads the tasks whose
 * `updatedAt` moved (indexed), every `intervalMs` while someone listens, and sends each
 * listener the changes of the tasks it may see. Each API replica polls the shared database, so
 * a claim made through one replica reaches listeners of all of them.
 *
 * Writers stamp `updatedAt` with their own clock (API and worker processes): the poller reads
 * back an overlap window and skips what it already sent (same task, revision and stamp).
 */
import type { Response } from 'express';
import { TaskModel, type TaskRecord } from '../../platform/storage';
import type { CurrentUser } from '../auth/current-user';
import { canSee } from './task-access';

const OVERLAP_MS = 2000;
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
  private timer: NodeJS.Timeout | undefined;
  private since = new Date();
  /** Changes already sent, by key, with their stamp (pruned once out of the overlap window). */
  private sent = new Map<string, number>();
  private polling = false;

  constructor(private readonly intervalMs = 1000) {}

  /** Streams changes to `response` until the client goes away. */
  listen(user: CurrentUser, response: Response): void {
    response.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    // Reconnecting clients wait 2 s (EventSource's retry), then reload the list themselves.
    response.write(`retry: 2000\n: connected\n\n`);
    const listener: Listener = { user, response };
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.listeners.add(listener);
    response.on('close', () => {
      clearInterval(keepAlive);
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    });
    if (!this.timer) {
      this.since = new Date();
      this.schedule();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const from = new Date(this.since.getTime() - OVERLAP_MS);
      const changed = await TaskModel.find(
        { updatedAt: { $gte: from } },
        { _id: 1, instanceId: 1, name: 1, state: 1, assignee: 1, revision: 1, updatedAt: 1, candidateGroups: 1, candidateUsers: 1 },
      )
        .sort({ updatedAt: 1 })
        .limit(1000)
        .lean<TaskRecord[]>();
      for (const task of changed) {
        const stamp = task.updatedAt.getTime();
        const key = `${task._id}@${task.revision ?? 0}@${stamp}`;
        if (this.sent.has(key)) continue;
        this.sent.set(key, stamp);
        if (stamp > this.since.getTime()) this.since = task.updatedAt;
        this.broadcast(task);
      }
      const horizon = this.since.getTime() - 2 * OVERLAP_MS;
      for (const [key, stamp] of this.sent) if (stamp < horizon) this.sent.delete(key);
    } catch (error) {
      console.error(`api: task events poll failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.polling = false;
      if (this.listeners.size > 0) this.schedule();
      else this.timer = undefined;
    }
  }

  private broadcast(task: TaskRecord): void {
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
