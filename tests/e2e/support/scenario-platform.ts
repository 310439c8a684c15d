/**
 * What the reference procedures' end-to-end tests share: the test platform (real Temporal and
 * FerretDB, API, in-process worker with the local AI provider), the notification worker on the
 * external task queue, agents created through the users API in the groups the diagrams name,
 * and the calls an agent or an owner makes through the API to drive one case.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActiveElement, Incident, PathStep } from '../../../workflows/definitions';
import { DEMO_PASSWORD, eventually, startTestPlatform, type ApiResponse, type TestPlatform } from '../../support/platform';
import { startNotificationWorker, type NotificationWorker } from './notification-worker';

export { eventually } from '../../support/platform';

export interface InstanceView {
  instanceId: string;
  status: 'running' | 'completed' | 'failed' | 'canceled' | 'terminated';
  variables: Record<string, any>;
  activeElements: ActiveElement[];
  path: PathStep[];
  incidents: Incident[];
  failure?: string;
}

export interface TaskView {
  id: string;
  instanceId: string;
  elementId: string;
  name: string;
  state: string;
  candidateGroups: string[];
  assignee?: string | null;
  dueDate: string | null;
  variables: Record<string, any>;
  form: unknown;
}

export interface ScenarioPlatform {
  platform: TestPlatform;
  notifications: NotificationWorker;
  owner: string;
  /**
   * Deploys `examples/<file>` as the owner; returns the process key and version. With `variant`,
   * deploys it under another process key with its timer durations shortened (`{ P10D: 'PT2S' }`),
   * so paths that wait days in production can run within a test.
   */
  deployExample(file: string, variant?: { processKey: string; durations: Record<string, string> }): Promise<{ processKey: string; version: number }>;
  /** Creates an agent in `groups` through the users API and signs them in; returns their token. */
  agent(username: string, groups: string[]): Promise<string>;
  start(processKey: string, variables: Record<string, unknown>, businessKey?: string): Promise<{ instanceId: string; businessKey: string | null }>;
  instance(instanceId: string): Promise<InstanceView>;
  /** Polls the instance until `predicate` holds; fails at once on an incident or a failed instance. */
  waitFor(instanceId: string, predicate: (view: InstanceView) => boolean, what: string, timeoutMs?: number): Promise<InstanceView>;
  /** The open task of `elementId` in the instance, as `token` sees it in their inbox, then in full. */
  openTask(token: string, instanceId: string, elementId: string): Promise<TaskView>;
  /** Claims then completes a task, as the agent of `token`; returns the completion response. */
  claimAndComplete(token: string, taskId: string, variables: Record<string, unknown>): Promise<ApiResponse>;
  publish(message: { name: string; correlationKey: string; variables?: Record<string, unknown> }): Promise<ApiResponse>;
  stop(): Promise<void>;
}

/** The element ids a token passed, in order: the path as the API reports it. */
export function visited(view: InstanceView): string[] {
  return view.path.map((step) => step.elementId);
}

/** The diagram under another process id, its literal timer durations replaced as `durations` says. */
function accelerated(xml: string, processKey: string, durations: Record<string, string>): string {
  const processId = /<bpmn:process id="([^"]+)"/.exec(xml)?.[1];
  if (!processId) throw new Error('no process id in the diagram');
  let changed = 0;
  const result = xml
    .replaceAll(`"${processId}"`, `"${processKey}"`)
    .replace(/(<bpmn:timeDuration[^>]*>)([^<]+)(<\/bpmn:timeDuration>)/g, (whole, open: string, duration: string, close: string) => {
      const shorter = durations[duration.trim()];
      if (shorter === undefined) return whole;
      changed += 1;
      return `${open}${shorter}${close}`;
    });
  if (changed === 0) throw new Error(`none of the durations ${Object.keys(durations).join(', ')} is in the diagram`);
  return result;
}

export async function startScenarioPlatform(): Promise<ScenarioPlatform> {
  const platform = await startTestPlatform({ worker: true });
  const notifications = await startNotificationWorker(platform.temporalAddress, `${platform.taskQueue}-external`);
  const owner = await platform.login('owner');
  const admin = await platform.login('admin');

  const instance = async (instanceId: string): Promise<InstanceView> => {
    const response = await platform.request('GET', `/api/v1/instances/${encodeURIComponent(instanceId)}`, { token: owner });
    if (response.status !== 200) throw new Error(`GET instance ${instanceId}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as InstanceView;
  };

  return {
    platform,
    notifications,
    owner,
    async deployExample(file, variant) {
      let xml = readFileSync(path.join(__dirname, '../../../examples', file), 'utf8');
      if (variant) xml = accelerated(xml, variant.processKey, variant.durations);
      const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' });
      if (deployed.status !== 201) throw new Error(`deploy ${file}: ${deployed.status} ${JSON.stringify(deployed.body)}`);
      return { processKey: deployed.body.processKey, version: deployed.body.version };
    },
    async agent(username, groups) {
      const created = await platform.request('POST', '/api/v1/users', {
        token: admin,
        json: { username, password: DEMO_PASSWORD, displayName: username, roles: ['agent'], groups },
      });
      if (created.status === 409) {
        // A demo account of that name exists (the platform seeds one per scenario group): give it these groups.
        const updated = await platform.request('PATCH', `/api/v1/users/${encodeURIComponent(username)}`, { token: admin, json: { roles: ['agent'], groups } });
        if (updated.status !== 200) throw new Error(`update user ${username}: ${updated.status} ${JSON.stringify(updated.body)}`);
      } else if (created.status !== 201) {
        throw new Error(`create user ${username}: ${created.status} ${JSON.stringify(created.body)}`);
      }
      return platform.login(username);
    },
    async start(processKey, variables, businessKey) {
      const started = await platform.request('POST', `/api/v1/processes/${processKey}/instances`, {
        token: owner,
        json: { variables, ...(businessKey ? { businessKey } : {}) },
      });
      if (started.status !== 201) throw new Error(`start ${processKey}: ${started.status} ${JSON.stringify(started.body)}`);
      return { instanceId: started.body.instanceId as string, businessKey: (started.body.businessKey as string | undefined) ?? null };
    },
    instance,
    async waitFor(instanceId, predicate, what, timeoutMs = 90_000) {
      let last: InstanceView | undefined;
      try {
        return await eventually(async () => {
          const view = (last = await instance(instanceId));
          if (view.status === 'failed') throw new Error(`instance ${instanceId} failed while waiting for ${what}: ${view.failure}`);
          if (view.incidents?.length) throw new Error(`instance ${instanceId} has an incident while waiting for ${what}: ${JSON.stringify(view.incidents)}`);
          return predicate(view) ? view : undefined;
        }, what, timeoutMs);
      } catch (error) {
        // Say where the instance stands: the element it waits at tells what is missing.
        const where = last ? ` (status ${last.status}, active ${JSON.stringify(last.activeElements)}, path ${visited(last).join(' > ')})` : '';
        throw new Error(`${(error as Error).message}${where}`);
      }
    },
    async openTask(token, instanceId, elementId) {
      const summary = await eventually(async () => {
        const view = await instance(instanceId);
        if (view.incidents?.length) throw new Error(`instance ${instanceId} has an incident while waiting for task ${elementId}: ${JSON.stringify(view.incidents)}`);
        if (view.status !== 'running') throw new Error(`instance ${instanceId} is ${view.status} (${view.failure ?? ''}) while waiting for task ${elementId}`);
        const response = await platform.request('GET', '/api/v1/tasks?state=open&limit=100', { token });
        if (response.status !== 200) throw new Error(`GET tasks: ${response.status} ${JSON.stringify(response.body)}`);
        return (response.body.items as TaskView[]).find((task) => task.instanceId === instanceId && task.elementId === elementId);
      }, `the open task ${elementId} in the inbox`, 90_000);
      const full = await platform.request('GET', `/api/v1/tasks/${encodeURIComponent(summary.id)}`, { token });
      if (full.status !== 200) throw new Error(`GET task ${summary.id}: ${full.status} ${JSON.stringify(full.body)}`);
      return full.body as TaskView;
    },
    async claimAndComplete(token, taskId, variables) {
      const claimed = await platform.request('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/claim`, { token });
      if (claimed.status !== 200) throw new Error(`claim ${taskId}: ${claimed.status} ${JSON.stringify(claimed.body)}`);
      return platform.request('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/complete`, { token, json: { variables } });
    },
    publish: (message) => platform.request('POST', '/api/v1/messages', { token: owner, json: message }),
    async stop() {
      await notifications.stop();
      await platform.stop();
    },
  };
}
