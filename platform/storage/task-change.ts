/**
 * The task change log: one small record per change of a task record, in a gapless sequence of
 * string `_id`s (`c:000000000001`, `c:000000000002`...). FerretDB 1.x has no change streams and
 * hands no filter to SQLite but an `_id` equality (DESIGN.md §6; any other filter decodes every
 * document), so the log is built from reads and inserts by `_id`. Even those read the whole
 * SQLite table (FerretDB's `_id` index is on another expression than its queries use): the log
 * stays short, a missing-slot read costs 8 ms at 2,000 slots and 33 ms at 10,000.
 *
 * - Appending claims the first free slot with an insert (a taken slot is a duplicate key: try
 *   the next). A writer only tries slot n + 1 once slot n exists, so the log never has a gap,
 *   and a reader that finds slot n missing has seen every change before it.
 * - Following reads slot after slot by `_id` (api/tasks/inbox-index.ts).
 * - The log keeps the last KEEP_CHANGES slots: older ones are deleted from time to time, and
 *   the `floor` record says where the log now starts, so a reader that fell behind it knows it
 *   must reload instead of waiting for a slot that will never come.
 *
 * A record names the task only: readers fetch the task itself, so they see its latest state
 * whatever the order in which concurrent writers noted their changes.
 */
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKeyError } from './insert-once';

const taskChangeSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The changed task; absent on the floor record. */
    taskId: { type: String },
    at: { type: Date },
    /** On the floor record only: the lowest slot the log may still hold. */
    floor: { type: Number },
  },
  { versionKey: false },
);

export const TaskChangeModel = mongoose.model('TaskChange', taskChangeSchema, 'task_changes');

const FLOOR_ID = 'floor';
/** How many changes the log keeps: a reader further behind than that reloads. */
const KEEP_CHANGES = 1_000;
/** Every this many appends, the appender trims the log. */
const TRIM_EVERY = 100;
/** A writer re-reads the floor before trusting a head it has not used for this long. */
const HEAD_TRUST_MS = 10_000;

export const changeSlotId = (slot: number) => `c:${String(slot).padStart(12, '0')}`;

async function slotExists(slot: number): Promise<boolean> {
  return (await TaskChangeModel.exists({ _id: changeSlotId(slot) })) !== null;
}

/** The task id noted in `slot`, or undefined when the slot is still free. */
export async function readChangeSlot(slot: number): Promise<string | undefined> {
  const record = await TaskChangeModel.findById(changeSlotId(slot), { taskId: 1 }).lean<{ taskId?: string }>();
  return record ? String(record.taskId) : undefined;
}

/** The lowest slot the log may still hold (slots below it were trimmed). */
export async function changeLogFloor(): Promise<number> {
  const record = await TaskChangeModel.findById(FLOOR_ID, { floor: 1 }).lean<{ floor?: number }>();
  return record?.floor ?? 1;
}

/**
 * The last slot taken (floor - 1 when the log is empty): probes by `_id`, doubling the step,
 * then halving it, so it costs about 2·log2(length) reads.
 */
export async function changeLogHead(): Promise<number> {
  const floor = await changeLogFloor();
  if (!(await slotExists(floor))) return floor - 1;
  let known = floor;
  let step = 1;
  while (await slotExists(known + step)) {
    known += step;
    step *= 2;
  }
  let missing = known + step;
  while (missing - known > 1) {
    const middle = Math.floor((known + missing) / 2);
    if (await slotExists(middle)) known = middle;
    else missing = middle;
  }
  return known;
}

/** This process's idea of the head, per database (tests and benches switch databases). */
const heads = new Map<string, { slot: number; checkedAt: number }>();
let appendsSinceTrim = 0;

async function trustedHead(database: string): Promise<number> {
  const cached = heads.get(database);
  if (cached && Date.now() - cached.checkedAt < HEAD_TRUST_MS) return cached.slot;
  // Long unused: other writers may have moved the log past a trim since.
  if (cached && cached.slot >= (await changeLogFloor()) - 1) return cached.slot;
  return changeLogHead();
}

type LocalListener = (taskId: string) => Promise<void>;
const localListeners = new Set<LocalListener>();

/**
 * Hears this process's own changes as they are noted, before the log is read back: an API
 * process's inbox shows its own writes in its very next answer.
 */
export function onLocalTaskChange(listener: LocalListener): () => void {
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

/**
 * Notes that task `taskId` changed: appends it to the log and tells this process's listeners.
 * Call it after the task is written (a reader fetches the task when it reads the note).
 */
export async function noteTaskChanged(taskId: string): Promise<void> {
  await appendTaskChange(taskId);
  await Promise.all([...localListeners].map((listener) => listener(taskId)));
}

export async function appendTaskChange(taskId: string): Promise<number> {
  const database = mongoose.connection.name;
  let slot = (await trustedHead(database)) + 1;
  for (;;) {
    try {
      await TaskChangeModel.collection.insertOne({ _id: changeSlotId(slot), taskId, at: new Date() } as never);
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      slot += 1;
    }
  }
  heads.set(database, { slot, checkedAt: Date.now() });
  if (++appendsSinceTrim >= TRIM_EVERY) {
    appendsSinceTrim = 0;
    await trimChangeLog(slot).catch(() => undefined); // trimming again later is as good
  }
  return slot;
}

/**
 * Deletes the slots older than the last KEEP_CHANGES. The floor moves first, so a reader never
 * waits on a slot that is gone without being able to tell.
 */
export async function trimChangeLog(head: number, keep = KEEP_CHANGES): Promise<void> {
  const floor = head - keep + 1;
  if (floor <= (await changeLogFloor())) return;
  // $max: of two concurrent trims, the floor keeps the higher one.
  await TaskChangeModel.updateOne({ _id: FLOOR_ID }, { $max: { floor } }, { upsert: true });
  await TaskChangeModel.deleteMany({ _id: { $gte: changeSlotId(0), $lt: changeSlotId(floor) } });
}
