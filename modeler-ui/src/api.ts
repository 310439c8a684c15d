/**
 * The Rouage API as the web app uses it. The session is an httpOnly cookie set at login, so
 * requests only need `credentials: 'same-origin'`; errors arrive as RFC 9457 problems.
 */
import type { CatalogActivity, Diagnostic, LocalizedText } from '../../compiler';
import { t } from './i18n';

export type Role = 'admin' | 'owner' | 'supervisor' | 'agent';

export interface User {
  username: string;
  displayName: string;
  roles: Role[];
  groups: string[];
}

export interface CatalogItem extends CatalogActivity {
  title: LocalizedText;
  description: LocalizedText;
}

/** A Camunda 8 element template (https://docs.camunda.io/docs/components/modeler/desktop-modeler/element-templates/); bpmn-js reads the rest. */
export interface ElementTemplate {
  id: string;
  name: string;
  version?: number;
  [property: string]: unknown;
}

export interface DeployResult {
  processKey: string;
  version: number;
  name: string;
  created: boolean;
  diagnostics: Diagnostic[];
}

export interface ProcessSummary {
  processKey: string;
  name: string;
  latestVersion: number;
  deployedAt: string;
  deployedBy: string;
}

export interface ProcessVersion {
  processKey: string;
  version: number;
  bpmnXml: string;
}

export interface StartedInstance {
  instanceId: string;
  processKey: string;
  version: number;
}

export type InstanceStatusName = 'running' | 'completed' | 'failed' | 'canceled' | 'terminated';

export interface Instance {
  instanceId: string;
  status: InstanceStatusName;
  variables: Record<string, unknown>;
  activeElements: { elementId: string; since: string; taskId?: string }[];
  failure?: string;
}

export interface Task {
  id: string;
  instanceId: string;
  processKey: string;
  processVersion: number;
  elementId: string;
  name: string;
  businessKey: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  state: 'created' | 'assigned' | 'completed' | 'canceled';
  variables: Record<string, unknown>;
  createdAt: string;
}

/** A problem+json answer (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Last part of the problem `type` (`bad-credentials`, `conflict`...). */
    readonly problemType: string,
    readonly title: string,
    readonly detail: string,
    /** The whole problem, extensions included (`diagnostics`, `currentState`...). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

let onSessionExpired: () => void = () => undefined;

/** Called when a request is refused for want of a session, so the app can ask to sign in again. */
export function whenSessionExpires(listener: () => void): void {
  onSessionExpired = listener;
}

type Body = { json: unknown } | { xml: string };

async function request<T>(method: string, path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let payload: string | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['content-type'] = 'application/xml';
    payload = body.xml;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', t.problems.networkTitle, t.problems.networkDetail);
  }
  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => undefined);
  if (response.ok) return parsed as T;
  const problem = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const problemType = String(problem.type ?? '').replace('urn:rouage:problem:', '');
  const error = new ApiError(response.status, problemType, String(problem.title ?? response.statusText), String(problem.detail ?? ''), problem);
  if (response.status === 401 && path !== '/auth/login' && path !== '/auth/me') onSessionExpired();
  throw error;
}

const task = (id: string) => `/tasks/${encodeURIComponent(id)}`;

export const api = {
  me: () => request<User>('GET', '/auth/me'),
  authConfig: () => request<{ oidc: boolean }>('GET', '/auth/config'),
  pseudonyms: (instanceId: string) =>
    request<{ items: { elementId: string; at: string; replacements: { token: string; type: string; value: string }[] }[] }>('GET', `/instances/${encodeURIComponent(instanceId)}/pseudonyms`),
  login: (username: string, password: string) => request<{ user: User }>('POST', '/auth/login', { json: { username, password } }),
  logout: () => request<void>('POST', '/auth/logout'),
  catalog: () => request<{ items: CatalogItem[] }>('GET', '/catalog'),
  /** Camunda 8 element templates, one per AI activity, for the modeler's palette and properties panel. */
  elementTemplates: () => request<ElementTemplate[]>('GET', '/catalog/element-templates'),
  deploy: (bpmnXml: string) => request<DeployResult>('POST', '/processes', { xml: bpmnXml }),
  processes: () => request<{ items: ProcessSummary[] }>('GET', '/processes'),
  processVersion: (key: string, version: number) => request<ProcessVersion>('GET', `/processes/${encodeURIComponent(key)}/versions/${version}`),
  startInstance: (key: string, start: { variables: Record<string, unknown>; businessKey?: string; version?: number }) =>
    request<StartedInstance>('POST', `/processes/${encodeURIComponent(key)}/instances`, { json: start }),
  instance: (id: string) => request<Instance>('GET', `/instances/${encodeURIComponent(id)}`),
  openTasks: () => request<{ items: Task[] }>('GET', '/tasks?state=open&limit=200'),
  claim: (id: string) => request<Task>('POST', `${task(id)}/claim`),
  unclaim: (id: string) => request<Task>('POST', `${task(id)}/unclaim`),
  complete: (id: string, variables: Record<string, unknown>) => request<Task>('POST', `${task(id)}/complete`, { json: { variables } }),
};
