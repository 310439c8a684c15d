import { DEFAULT_TASK_PRIORITY, type TaskRecord } from '../../platform/storage';
import { slaOf } from './sla';

/** A task in a list: what the inbox table shows and sorts on (no case data). */
export function presentTaskSummary(task: Omit<TaskRecord, 'variables' | 'history' | 'comments' | 'result' | 'form' | 'headers'>, now = new Date()) {
  return {
    id: task._id,
    instanceId: task.instanceId,
    processKey: task.processKey,
    processVersion: task.processVersion,
    elementId: task.elementId,
    name: task.name,
    businessKey: task.businessKey,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    assignee: task.assignee,
    state: task.state,
    priority: task.priority ?? DEFAULT_TASK_PRIORITY,
    dueDate: task.dueDate ?? null,
    followUpDate: task.followUpDate ?? null,
    sla: slaOf(task, now),
    revision: task.revision ?? 0,
    completedBy: task.completedBy,
    completedAt: task.completedAt,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

/** A whole task: the summary, the case context, the form, the history and the comments. */
export function presentTask(task: TaskRecord, now = new Date()) {
  return {
    ...presentTaskSummary(task, now),
    headers: task.headers ?? {},
    variables: task.variables,
    form: task.form,
    result: task.result,
    history: task.history,
    comments: task.comments ?? [],
  };
}
