/**
 * `createActivities(deps)`: every activity the worker registers, with providers injected so
 * tests and deployments choose them without module mocking.
 */
import { runAiActivity } from './ai/run-ai-activity';
import { aiActivities } from './catalog';
import type { ServiceTaskRequest } from './contracts';
import { HUMAN_TASK_ACTIVITIES } from './contracts';
import { closeUserTask, openUserTask } from './human-tasks';
import type { AiProvider } from './providers/provider';

export interface ActivityDependencies {
  /** The provider AI activities use. Per-process choice and sovereignty checks come with the AI issue. */
  provider: AiProvider;
}

export function createActivities({ provider }: ActivityDependencies) {
  const activities: Record<string, (...args: never[]) => Promise<unknown>> = {
    [HUMAN_TASK_ACTIVITIES.open]: openUserTask,
    [HUMAN_TASK_ACTIVITIES.close]: closeUserTask,
  };
  for (const definition of aiActivities) {
    activities[definition.type] = (request: ServiceTaskRequest) => runAiActivity(definition, request, provider);
  }
  return activities;
}

export { aiActivities, compilerCatalog } from './catalog';
export { createLocalProvider } from './providers/local/local-provider';
