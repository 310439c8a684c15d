/**
 * The inbox index: every open task, held in memory by each API process and kept current by
 * the task change log (platform/storage/task-change.ts), so the inbox list, its counters and
 * its live refresh answer in milliseconds whatever the store. The embedded FerretDB 1.x reads
 * and decodes a whole collection for any query but an `_id` lookup (DESIGN.md §6): an inbox
 * query over 100,000 tasks takes 25 s there. The task records stay the truth; the index only
 * answers "which open tasks, in which order" and is rebuilt from them whenever in doubt.
 *
 * - Loading reads the open tasks once (summary fields only), on first use.
 * - Following reads the change log by `_id` every `followMs` (100 ms) and fetches each changed task by
 *   `_id`; this process's own changes arrive at once (onLocalTaskChange). Fetches of one task
 *   run one after the other, so the last one applied is the latest read.
 * - A reader that fell behind the log's floor, or `reloadMs` (30 min) after the last load (a
 *   writer may have died between its write and its note), reloads in the background and swaps.
 * - Unused for `idleMs` (10 min) and with no live listener, it stops and frees its memory.
 *
 * Closed tasks are not held: lists of completed or canceled tasks go to the store.
 */
import mongoose from 'mongoose';
import { DEFAULT_TASK_PRIORITY, isOpenTaskState, OPEN_TASK_STATES, TaskModel, type TaskRecord } from '../../platform/storage';
import { changeLogFloor, changeLogHead, onLocalTaskChange, readChangeSlot } from '../../platform/storage/task-change';
import type { CurrentUser } from '../auth/current-user';
import { canSee, isCandidate, isOverseer, type TaskView } from './task-access';
import { comparatorOf, decodeCursor, encodeCursor, isAfterCursor, SORTS, type TaskSort } from './task-order';

/** A task as lists show it: no case data. */
export type TaskSummaryRecord = Omit<TaskRecord, 'variables' | 'history' | 'comments' | 'result' | 'form' | 'headers'>;
export const SUMMARY_PROJECTION = { variables: 0, history: 0, comments: 0, result: 0, form: 0, headers: 0 } as const;

export interface IndexQuery {
  view: TaskView;
  state: string;
  processKey?: string;
  dueBefore?: string;
}

export interface InboxIndexTiming {
  /** How often the log is read. */
  followMs: number;
  /** How often, while the log has nothing new, its floor is checked. */
  floorCheckMs: number;
  /** Unused (and unlistened) for this long, the index stops. */
  idleMs: number;
  /** Reloaded from the store this long after the last load. */
  reloadMs: number;
}
const DEFAULT_TIMING: InboxIndexTiming = { followMs: 100, floorCheckMs: 2000, idleMs: 10 * 60_000, reloadMs: 30 * 60_000 };
const SLOTS_PER_ROUND = 500;
const FETCH_CONCURRENCY = 16;

/** Whether `task` is in tab `view` for `user` (the same rules as the store query, task-query.ts). */
function inView(user: CurrentUser, task: TaskSummaryRecord, view: TaskView): boolean {
  switch (view) {
    case 'mine':
      return task.assignee === user.username;
    case 'groups':
      return isCandidate(user, task);
    case 'unassigned':
      return task.assignee === null && (isOverseer(user) || isCandidate(user, task));
    case 'all':
      return canSee(user, task);
  }
}

/** The `count` smallest of `items` in `compare`'s order, in order: one pass, no full sort. */
function smallest<T>(items: Iterable<T>, count: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count && compare(item, kept[count - 1]!) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(kept[middle]!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

class Postings {
  private readonly byKey = new Map<string, Set<string>>();
  add(key: string, id: string): void {
    let ids = this.byKey.get(key);
    if (!ids) this.byKey.set(key, (ids = new Set()));
    ids.add(id);
  }
  remove(key: string, id: string): void {
    const ids = this.byKey.get(key);
    if (ids?.delete(id) && ids.size === 0) this.byKey.delete(key);
  }
  get(key: string): ReadonlySet<string> {
    return this.byKey.get(key) ?? new Set();
  }
}

/** The open tasks with their postings by candidate group and by person (candidate user or assignee). */
class OpenTasks {
  readonly tasks = new Map<string, TaskSummaryRecord>();
  private readonly byGroup = new Postings();
  private readonly byPerson = new Postings();

  set(task: TaskSummaryRecord): void {
    this.delete(task._id);
    this.tasks.set(task._id, task);
    for (const group of task.candidateGroups) this.byGroup.add(group, task._id);
    for (const person of this.peopleOf(task)) this.byPerson.add(person, task._id);
  }

  delete(id: string): void {
    const task = this.tasks.get(id);
    if (!task) return;
    this.tasks.delete(id);
    for (const group of task.candidateGroups) this.byGroup.remove(group, id);
    for (const person of this.peopleOf(task)) this.byPerson.remove(person, id);
  }

  /** The tasks that may be in one of the user's tabs: theirs and their groups'. Overseers: all. */
  *reachableBy(user: CurrentUser): Iterable<TaskSummaryRecord> {
    if (isOverseer(user)) {
      yield* this.tasks.values();
      return;
    }
    const seen = new Set<string>();
    for (const ids of [this.byPerson.get(user.username), ...user.groups.map((group) => this.byGroup.get(group))]) {
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        yield this.tasks.get(id)!;
      }
    }
  }

  private peopleOf(task: TaskSummaryRecord): string[] {
    return task.assignee ? [...task.candidateUsers, task.assignee] : task.candidateUsers;
  }
}

/** Records from the store may lack defaulted fields (written by another tool): the index relies on them. */
function normalise(task: TaskSummaryRecord): TaskSummaryRecord {
  return { ...task, assignee: task.assignee ?? null, candidateGroups: task.candidateGroups ?? [], candidateUsers: task.candidateUsers ?? [], priority: task.priority ?? DEFAULT_TASK_PRIORITY };
}

export type TaskChangeListener = (task: TaskSummaryRecord) => void;

export class InboxIndex {
  private open = new OpenTasks();
  private loaded: Promise<void> | undefined;
  private loading = false;
  /** Ids refreshed while a load reads the store: refreshed again once it is swapped in. */
  private changedDuringLoad: Set<string> | undefined;
  private nextSlot = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastUse = 0;
  private lastFloorCheck = 0;
  private loadedAt = 0;
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly listeners = new Set<TaskChangeListener>();
  private unsubscribeLocal: (() => void) | undefined;
  /** Bumped by stop(): a load or a round of a stopped index applies nothing. */
  private generation = 0;
  private reloading: Promise<void> | undefined;
  private readonly timing: InboxIndexTiming;

  constructor(timing: Partial<InboxIndexTiming> = {}) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** Whether lists of tasks in `state` are answered here (open ones) rather than by the store. */
  serves(state: string): boolean {
    return state === 'open' || isOpenTaskState(state);
  }

  /** Resolves once every open task is held; starts following the log on first use. */
  async ready(): Promise<void> {
    this.lastUse = Date.now();
    if (!this.loaded) this.start();
    await this.loaded;
  }

  list(user: CurrentUser, query: IndexQuery & { sort: TaskSort; limit: number; cursor?: string }) {
    const sort = SORTS[query.sort];
    const after = query.cursor ? decodeCursor(sort, query.cursor) : undefined;
    const matches = this.matching(user, query, after && ((task) => isAfterCursor(sort, after, task)));
    const page = smallest(matches, query.limit + 1, comparatorOf(sort));
    const items = page.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: page.length > query.limit && last ? encodeCursor(sort, last) : null };
  }

  /** The open tasks of each tab (with the process / due-before filters), and the late ones. */
  count(user: CurrentUser, filters: Omit<IndexQuery, 'view' | 'state'>, now = new Date()) {
    const counts = { all: 0, mine: 0, groups: 0, unassigned: 0, late: 0 };
    for (const task of this.matching(user, { ...filters, view: 'all', state: 'open' })) {
      counts.all += 1;
      if (inView(user, task, 'mine')) counts.mine += 1;
      if (inView(user, task, 'groups')) counts.groups += 1;
      if (inView(user, task, 'unassigned')) counts.unassigned += 1;
      if (task.dueDate && task.dueDate < now) counts.late += 1;
    }
    return counts;
  }

  /** Open task ids of an instance. */
  openTasksOf(instanceId: string): string[] {
    return [...this.open.tasks.values()].filter((task) => task.instanceId === instanceId).map((task) => task._id);
  }

  /** Hears every change the index applies (a task opened, changed or closed), for live refresh. */
  onChange(listener: TaskChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fetches these tasks again and applies what the store holds now. */
  async refresh(taskIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(taskIds)];
    for (let start = 0; start < ids.length; start += FETCH_CONCURRENCY) {
      await Promise.all(ids.slice(start, start + FETCH_CONCURRENCY).map((id) => this.refreshOne(id)));
    }
  }

  stop(): void {
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribeLocal?.();
    this.unsubscribeLocal = undefined;
    this.loaded = undefined;
    this.loading = false;
    this.changedDuringLoad = undefined;
    this.open = new OpenTasks();
  }

  private *matching(user: CurrentUser, query: IndexQuery, accept?: (task: TaskSummaryRecord) => boolean): Iterable<TaskSummaryRecord> {
    const dueBefore = query.dueBefore ? new Date(query.dueBefore) : undefined;
    for (const task of this.open.reachableBy(user)) {
      if (query.state !== 'open' && task.state !== query.state) continue;
      if (query.processKey && task.processKey !== query.processKey) continue;
      if (dueBefore && !(task.dueDate && task.dueDate < dueBefore)) continue;
      if (!inView(user, task, query.view)) continue;
      if (accept && !accept(task)) continue;
      yield task;
    }
  }

  private start(): void {
    const generation = ++this.generation;
    this.unsubscribeLocal = onLocalTaskChange((taskId) => this.refresh([taskId]));
    this.loaded = (async () => {
      this.nextSlot = (await changeLogHead()) + 1;
      this.schedule(generation);
      await this.load(generation);
    })().catch((error: unknown) => {
      // Not loaded: the next request tries again from the start.
      if (generation === this.generation) this.stop();
      throw error;
    });
  }

  /**
   * Reads every open task into a new set and swaps it in. Changes noted from the log position
   * taken before are followed meanwhile, and refreshed again after the swap.
   */
  private async load(generation: number): Promise<void> {
    this.loading = true;
    this.changedDuringLoad = new Set();
    try {
      const fresh = new OpenTasks();
      const cursor = TaskModel.find({ state: { $in: OPEN_TASK_STATES } }, SUMMARY_PROJECTION).lean<TaskSummaryRecord[]>().cursor();
      for await (const task of cursor) fresh.set(normalise(task as unknown as TaskSummaryRecord));
      if (generation !== this.generation) return;
      this.open = fresh;
      this.loadedAt = Date.now();
      const changed = this.changedDuringLoad;
      this.changedDuringLoad = undefined;
      await this.refresh(changed);
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.changedDuringLoad = undefined;
      }
    }
  }

  private schedule(generation: number): void {
    this.timer = setTimeout(() => void this.follow(generation), this.timing.followMs);
    this.timer.unref();
  }

  private async follow(generation: number): Promise<void> {
    try {
      if (generation !== this.generation || mongoose.connection.readyState !== 1) return;
      if (Date.now() - this.lastUse > this.timing.idleMs && this.listeners.size === 0) {
        this.stop();
        return;
      }
      await this.readLog(generation);
    } catch (error) {
      if (mongoose.connection.readyState === 1) console.error(`api: inbox index: reading task changes failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (generation === this.generation) this.schedule(generation);
    }
  }

  /** Reads the log up to its head now (and waits for a reload that needed), as a round does. */
  async catchUp(): Promise<void> {
    await this.ready();
    await this.readLog(this.generation);
    await this.reloading;
  }

  /** One round: the log's new slots, then the tasks they name; or a reload, in the background, when one is due. */
  private async readLog(generation: number): Promise<void> {
    const ids = new Set<string>();
    let slot = this.nextSlot;
    for (let taskId = await readChangeSlot(slot); taskId !== undefined && ids.size < SLOTS_PER_ROUND; taskId = await readChangeSlot(slot)) {
      ids.add(taskId);
      slot += 1;
    }
    if (ids.size > 0) {
      await this.refresh(ids);
      if (generation === this.generation) this.nextSlot = slot;
      return;
    }
    if (this.loading) return;
    const reloadDue = this.loadedAt > 0 && Date.now() - this.loadedAt > this.timing.reloadMs;
    if (reloadDue || (await this.fellBehind())) {
      this.reloading = this.load(generation)
        .catch((error: unknown) => console.error(`api: inbox index reload failed, keeping the current one: ${String(error)}`))
        .finally(() => (this.reloading = undefined));
    }
  }

  /** Whether the log was trimmed past this reader (checked every `floorCheckMs`): it then moves to the head and reloads. */
  private async fellBehind(): Promise<boolean> {
    if (Date.now() - this.lastFloorCheck < this.timing.floorCheckMs) return false;
    this.lastFloorCheck = Date.now();
    if (this.nextSlot >= (await changeLogFloor())) return false;
    this.nextSlot = (await changeLogHead()) + 1;
    return true;
  }

  private refreshOne(id: string): Promise<void> {
    const previous = this.refreshing.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.fetchAndApply(id));
    this.refreshing.set(id, next);
    void next.finally(() => {
      if (this.refreshing.get(id) === next) this.refreshing.delete(id);
    }).catch(() => undefined);
    return next;
  }

  private async fetchAndApply(id: string): Promise<void> {
    const generation = this.generation;
    this.changedDuringLoad?.add(id);
    const fetched = await TaskModel.findById(id, SUMMARY_PROJECTION).lean<TaskSummaryRecord>();
    if (generation !== this.generation || !this.loaded) return;
    const task = fetched ? normalise(fetched) : undefined;
    const previous = this.open.tasks.get(id);
    if (task && isOpenTaskState(task.state)) this.open.set(task);
    else this.open.delete(id);
    const changed = task && (previous ? previous.revision !== task.revision || previous.state !== task.state || previous.updatedAt?.getTime() !== task.updatedAt?.getTime() : isOpenTaskState(task.state));
    if (changed) for (const listener of this.listeners) listener(task);
  }
}

/** The process's inbox index (one per database connection, like the models). */
export const inboxIndex = new InboxIndex();
