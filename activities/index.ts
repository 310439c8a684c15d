/**
 * `createActivities(ai)`: every activity the worker registers. The AI runtime (catalog,
 * providers, policy) is injected so tests and deployments choose it without module mocking.
 */
import type { AiRuntime } from './ai-runtime';
import { runAiActivity } from './ai/run-ai-activity';
import type { HumanTaskActivities, ServiceTaskRequest } from './contracts';
import { closeUserTask, openUserTask } from './human-tasks';
import { messageActivities } from './messages';

export function createActivities(ai: AiRuntime) {
  const humanTasks: HumanTaskActivities = { openUserTask, closeUserTask };
  const activities: Record<string, (...args: never[]) => Promise<unknown>> = { ...humanTasks };
  Object.assign(activities, messageActivities);
  for (const definition of ai.catalog) {
    activities[definition.type] = (request: ServiceTaskRequest) => runAiActivity(definition, request, ai);
  }
  return activities;
}

export { aiPolicyOf, aiRuntimeFromConfig, localAiRuntime, type AiRuntime } from './ai-runtime';
export { builtinCatalog, compilerCatalog, type AiCatalog } from './catalog';
export { elementTemplates } from './element-templates';
