/**
 * `createActivities(deps)`: every activity the worker registers, with providers injected so
 * tests and deployments choose them without module mocking.
 */
import { runAiActivity } from './ai/run-ai-activity';
import { aiActivities } from './catalog';
import type { HumanTaskActivities, ServiceTaskRequest } from './contracts';
import { closeUserTask, openUserTask } from './human-tasks';
import type { AiProvider } from './providers/provider';

export interface ActivityDependencies {
  /** The provider AI activities use. Per-process choice and sovereignty checks come with the AI issue. */
  provider: AiProvider;
}

export function createActivities({ provider }: ActivityDependencies) {
  const humanTasks: HumanTaskActivities = { openUserTask, closeUserTask };
  const activities: Record<string, (...args: never[]) => Promise<unknown>> = { ...humanTasks };
  for (const definition of aiActivities) {
    activities[definition.type] = (request: ServiceTaskRequest) => runAiActivity(definition, request, provider);
  }
  return activities;
}

export { aiActivities, compilerCatalog } from './catalog';
export { createLocalProvider } from './providers/local/local-provider';
