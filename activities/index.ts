/**
 * `createActivities(ai, options)`: every activity the worker registers. The AI runtime (catalog,
 * providers, policy) is injected so tests and deployments choose it without module mocking.
 */
import type { AiRuntime } from './ai-runtime';
import { runAiActivity } from './ai/run-ai-activity';
import type { HumanTaskActivities, ServiceTaskRequest } from './contracts';
import { closeUserTask, notifyTaskCandidates, openUserTask } from './human-tasks';
import { callActivityActivities } from './called-process';
import { messageStartActivities } from './message-start';
import { referenceActivities } from './reference';
import { messageActivities } from './messages';
import { notify, NOTIFY_TASK_TYPE } from './notifications/notify';
import { signalActivities } from './signals';

export interface ActivityOptions {
  /** Where instances started by a signal send service tasks outside the catalog. */
  externalTaskQueue: string;
}

export function createActivities(ai: AiRuntime, options: ActivityOptions) {
  const humanTasks: HumanTaskActivities = { openUserTask, notifyTaskCandidates, closeUserTask };
  const activities: Record<string, (...args: never[]) => Promise<unknown>> = { ...humanTasks };
  Object.assign(activities, messageActivities, messageStartActivities(options.externalTaskQueue), signalActivities(options.externalTaskQueue), callActivityActivities, referenceActivities);
  activities[NOTIFY_TASK_TYPE] = notify;
  for (const definition of ai.catalog) {
    activities[definition.type] = (request: ServiceTaskRequest) => runAiActivity(definition, request, ai);
  }
  return activities;
}

export { aiPolicyOf, aiRuntimeFromConfig, localAiRuntime, type AiRuntime } from './ai-runtime';
export { builtinCatalog, compilerCatalog, type AiCatalog } from './catalog';
export { elementTemplates } from './element-templates';
