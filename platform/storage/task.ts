/**
 * Human task records: the inbox. Written by the worker's human-task activities (opened, closed)
 * and by the API (claims, assignments, comments, completion), always through task-writes.ts (or
 * followed by noteTaskChanged), so the inbox index of every API process hears of it. Ids are derived from instance +
 * element + occurrence, so a retried activity never opens a second task.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const TASK_STATES = ['created', 'assigned', 'completed', 'canceled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const OPEN_TASK_STATES: readonly TaskState[] = ['created', 'assigned'];
export const isOpenTaskState = (state: string): boolean => (OPEN_TASK_STATES as readonly string[]).includes(state);

/** Camunda's default priority (0–100), for tasks whose model sets none. */
export const DEFAULT_TASK_PRIORITY = 50;

/**
 * Sorting on the due date puts tasks without one last: they sort on this far date instead
 * (MongoDB sorts null first, and an index cannot sort "nulls last").
 */
export const NO_DUE_DATE = new Date('9999-12-31T23:59:59.999Z');

const historyEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    /** Who acted; null for the process itself (creation, cancellation). */
    by: { type: String, default: null },
    /** created, claimed, unclaimed, assigned (by a supervisor), delegated (by the assignee), commented, completed, canceled. */
    action: { type: String, required: true },
    /** The new assignee, for claims, assignments and delegations. */
    assignee: { type: String, required: false },
    comment: { type: String, required: false },
  },
  { _id: false },
);

const commentSchema = new Schema(
  { id: { type: String, required: true }, at: { type: Date, required: true }, by: { type: String, required: true }, text: { type: String, required: true } },
  { _id: false },
);

const taskSchema = new Schema(
  {
    _id: { type: String, required: true },
    instanceId: { type: String, required: true },
    processKey: { type: String, required: true },
    processVersion: { type: Number, required: true },
    elementId: { type: String, required: true },
    name: { type: String, required: true },
    businessKey: { type: String, default: null },
    candidateGroups: { type: [String], default: [] },
    candidateUsers: { type: [String], default: [] },
    assignee: { type: String, default: null },
    state: { type: String, enum: TASK_STATES, required: true },
    /** 0–100, higher first (zeebe:priorityDefinition). */
    priority: { type: Number, default: DEFAULT_TASK_PRIORITY },
    /** From zeebe:taskSchedule, evaluated when the task opened. */
    dueDate: { type: Date, default: null },
    followUpDate: { type: Date, default: null },
    /** dueDate, or NO_DUE_DATE: the sort key of "soonest due first". */
    dueSort: { type: Date, default: NO_DUE_DATE },
    /** zeebe:taskHeaders of the user task (instructions for the agent...). */
    headers: { type: Schema.Types.Mixed, default: {} },
    /** Variables of the instance when the task opened, shown to the agent as case context. */
    variables: { type: Schema.Types.Mixed, default: {} },
    /** `{ schema }` (embedded, or resolved from the forms collection when it opened), `{ formId }` or `{ formKey }`. */
    form: { type: Schema.Types.Mixed, default: null },
    completedBy: { type: String, default: null },
    completedAt: { type: Date, default: null },
    result: { type: Schema.Types.Mixed, default: null },
    history: { type: [historyEntrySchema], default: [] },
    comments: { type: [commentSchema], default: [] },
    /**
     * Bumped by every change of assignee or state (not by comments, which conflict with
     * nothing); see task-revision.ts. Clients send it back to detect lost updates.
     */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
// The store's inbox queries (api/tasks/task-query.ts: lists of closed tasks, and the open tasks
// the inbox index loads; on MongoDB, FerretDB 1.x uses no index but _id's). Each tab filters on
// state, then on one of the visibility fields, and sorts by one of creation / due date /
// priority (then _id, the cursor's tie-breaker), so each (field, sort) pair has its index:
// "my groups" and its counter — candidateGroups (multikey) + sort.
taskSchema.index({ state: 1, candidateGroups: 1, createdAt: -1, _id: -1 });
taskSchema.index({ state: 1, candidateGroups: 1, dueSort: 1, _id: 1 });
taskSchema.index({ state: 1, candidateGroups: 1, priority: -1, createdAt: 1, _id: 1 });
// "mine" and its counter — assignee + sort.
taskSchema.index({ state: 1, assignee: 1, createdAt: -1, _id: -1 });
taskSchema.index({ state: 1, assignee: 1, dueSort: 1, _id: 1 });
// "assigned to me as a candidate user" (the third branch of the visibility $or).
taskSchema.index({ state: 1, candidateUsers: 1, createdAt: -1 });
// Supervisors' "all open tasks", sorted (no visibility filter), and the "process" filter.
taskSchema.index({ state: 1, processKey: 1, createdAt: -1 });
taskSchema.index({ state: 1, dueSort: 1, _id: 1 });
// Closing an instance's tasks, and the case page.
taskSchema.index({ instanceId: 1 });

export type TaskRecord = InferSchemaType<typeof taskSchema> & { _id: string };
export const TaskModel = mongoose.model('Task', taskSchema);
