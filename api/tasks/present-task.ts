import type { TaskRecord } from '../../platform/storage';

export function presentTask(task: TaskRecord) {
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
    variables: task.variables,
    form: task.form,
    completedBy: task.completedBy,
    completedAt: task.completedAt,
    result: task.result,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    history: task.history,
  };
}
