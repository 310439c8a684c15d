export { AiContributionModel } from './ai-contribution';
export { InstanceModel, type InstanceRecord } from './instance';
export { ProcessVersionModel, type ProcessVersionRecord } from './process-version';
export { OPEN_TASK_STATES, TASK_STATES, TaskModel, type TaskRecord, type TaskState } from './task';
export { ROLES, UserModel, type Role, type UserRecord } from './user';
export { insertOnce, isDuplicateKeyError } from './insert-once';
export { PseudonymMappingModel } from './pseudonym-mapping';
