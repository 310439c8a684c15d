/**
 * Human task records: the inbox. Written by the worker's human-task activities (opened, closed)
 * and by the API (claims, completion). Ids are derived from instance + element + occurrence,
 * so a retried activity never opens a second task.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const TASK_STATES = ['created', 'assigned', 'completed', 'canceled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const OPEN_TASK_STATES: readonly TaskState[] = ['created', 'assigned'];

const historyEntrySchema = new Schema(
  { at: { type: Date, required: true }, by: { type: String, default: null }, action: { type: String, required: true } },
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
    /** Variables of the instance when the task opened, shown to the agent as case context. */
    variables: { type: Schema.Types.Mixed, default: {} },
    form: { type: Schema.Types.Mixed, default: null },
    completedBy: { type: String, default: null },
    completedAt: { type: Date, default: null },
    result: { type: Schema.Types.Mixed, default: null },
    history: { type: [historyEntrySchema], default: [] },
    /** Bumped by every change of assignee; see task-revision.ts. */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
// The inbox queries: open tasks of some groups / users, newest first.
taskSchema.index({ state: 1, candidateGroups: 1, createdAt: -1 });
taskSchema.index({ state: 1, assignee: 1, createdAt: -1 });
taskSchema.index({ instanceId: 1 });

export type TaskRecord = InferSchemaType<typeof taskSchema> & { _id: string };
export const TaskModel = mongoose.model('Task', taskSchema);
