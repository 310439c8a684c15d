/**
 * The Rouage API as the web app uses it. The session is an httpOnly cookie set at login, so
 * requests only need `credentials: 'same-origin'`; errors arrive as RFC 9457 problems.
 */
import type { CatalogActivity, Diagnostic, LocalizedText } from '../../compiler';
import type { ActiveElement as MonitoredActiveElement, Incident as InstanceIncident, ScopeState as InstanceScope } from '../../workflows/definitions';
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

/** A process of the library: deployed (`latestVersion`), or only drafted. */
export interface ProcessSummary {
  processKey: string;
  name: string | null;
  owner: string;
  state: 'draft' | 'deployed';
  latestVersion: number | null;
  deployedAt: string | null;
  deployedBy: string | null;
  draft: { revision: number; savedAt: string; savedBy: string } | null;
}

export interface ProcessVersion {
  processKey: string;
  version: number;
  name: string | null;
  deployedAt: string;
  deployedBy: string;
  message: string;
  bpmnXml: string;
}

export interface ProcessHistory {
  processKey: string;
  name: string | null;
  latestVersion?: number | null;
  versions: Omit<ProcessVersion, 'bpmnXml' | 'processKey'>[];
  /** The version to pass as `cursor` for older ones. */
  nextCursor: number | null;
}

/** The pending draft of a process; `bpmnXml` null when there is none (revision 0: never saved). */
export interface ProcessDraft {
  processKey: string;
  revision: number;
  bpmnXml: string | null;
  basedOnVersion: number | null;
  savedBy: string | null;
  savedAt: string | null;
  /** Saves refused because the draft had changed, kept so no one's work is lost (listed by GET only). */
  conflicts?: DraftConflictCopy[];
}

export interface DraftConflictCopy {
  id: string;
  baseRevision: number;
  currentRevision: number;
  savedBy: string;
  savedAt: string;
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
  catalog: () => request<{ items: CatalogItem[]; compilerCatalog: CatalogActivity[] }>('GET', '/catalog'),
  /** Camunda 8 element templates, one per AI activity, for the modeler's palette and properties panel. */
  elementTemplates: () => request<ElementTemplate[]>('GET', '/catalog/element-templates'),
  deploy: (bpmnXml: string, message: string) => request<DeployResult>('POST', '/processes', { json: { bpmnXml, message } }),
  processes: (cursor?: string) =>
    request<{ items: ProcessSummary[]; nextCursor: string | null }>('GET', `/processes?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  processHistory: (key: string, cursor?: number) => request<ProcessHistory>('GET', `/processes/${encodeURIComponent(key)}?limit=50${cursor ? `&cursor=${cursor}` : ''}`),
  draft: (key: string) => request<ProcessDraft>('GET', `/processes/${encodeURIComponent(key)}/draft`),
  /** 409 (`currentDraft`, `conflictId`) when the draft moved past `baseRevision`: the XML is then kept as a conflict copy. */
  saveDraft: (key: string, save: { bpmnXml: string; baseRevision: number; basedOnVersion: number | null }) =>
    request<ProcessDraft>('PUT', `/processes/${encodeURIComponent(key)}/draft`, { json: save }),
  discardDraft: (key: string, baseRevision: number) => request<ProcessDraft>('DELETE', `/processes/${encodeURIComponent(key)}/draft?baseRevision=${baseRevision}`),
  conflictCopy: (key: string, conflictId: string) =>
    request<DraftConflictCopy & { bpmnXml: string }>('GET', `/processes/${encodeURIComponent(key)}/draft/conflicts/${encodeURIComponent(conflictId)}`),
  dropConflictCopy: (key: string, conflictId: string) => request<void>('DELETE', `/processes/${encodeURIComponent(key)}/draft/conflicts/${encodeURIComponent(conflictId)}`),
  processVersion: (key: string, version: number) => request<ProcessVersion>('GET', `/processes/${encodeURIComponent(key)}/versions/${version}`),
  startInstance: (key: string, start: { variables: Record<string, unknown>; businessKey?: string; version?: number }) =>
    request<StartedInstance>('POST', `/processes/${encodeURIComponent(key)}/instances`, { json: start }),
  instance: (id: string) => request<Instance>('GET', `/instances/${encodeURIComponent(id)}`),
};

// The task inbox (tabs, filters, sorts, pages, counters, live events, forms, comments, assignment).

export type SlaState = 'onTime' | 'atRisk' | 'late';
export type TaskView = 'all' | 'mine' | 'groups' | 'unassigned';
export type TaskSort = 'created' | 'due' | 'priority';

/** A task as lists give it: no case data. */
export interface TaskSummary extends Omit<Task, 'variables'> {
  priority: number;
  dueDate: string | null;
  followUpDate: string | null;
  sla: SlaState | null;
  /** Sent back with each change, so a change made meanwhile by someone else is refused (409). */
  revision: number;
  completedBy: string | null;
  updatedAt: string;
}

export interface TaskHistoryEntry {
  at: string;
  by: string | null;
  action: 'created' | 'claimed' | 'unclaimed' | 'assigned' | 'delegated' | 'commented' | 'completed' | 'canceled';
  assignee?: string;
  comment?: string;
}

export interface TaskComment {
  id: string;
  at: string;
  by: string;
  text: string;
}

export interface TaskDetail extends TaskSummary {
  headers: Record<string, string>;
  variables: Record<string, unknown>;
  /** `schema` is a form-js schema; a `formKey` form is hosted elsewhere. */
  form: { schema?: FormSchema; formId?: string; version?: number; formKey?: string } | null;
  history: TaskHistoryEntry[];
  comments: TaskComment[];
}

export interface FormSchema {
  type?: string;
  components: unknown[];
  [property: string]: unknown;
}

export interface TaskCounts {
  all: number;
  mine: number;
  groups: number;
  unassigned: number;
  late: number;
}

export interface TaskQuery {
  view: TaskView;
  sort: TaskSort;
  processKey?: string;
  dueBefore?: string;
  cursor?: string;
}

/** One change of a task, as `GET /tasks/events` streams it. */
export interface TaskChange {
  id: string;
  instanceId: string;
  name: string;
  state: Task['state'];
  assignee: string | null;
  revision: number;
  updatedAt: string;
}

export interface InstancePathStep {
  elementId: string;
  enteredAt: string;
  leftAt?: string;
  canceled?: true;
}

export interface OutboxMessage {
  id: string;
  kind: 'task-created' | 'notice';
  to: string[];
  unreachable: string[];
  subject: string;
  body: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const query = (parameters: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')).toString();

export const inboxApi = {
  list: (q: TaskQuery, limit = 25) =>
    request<{ items: TaskSummary[]; nextCursor: string | null }>('GET', `/tasks?${query({ state: 'open', view: q.view, sort: q.sort, processKey: q.processKey, dueBefore: q.dueBefore, cursor: q.cursor, limit: String(limit) })}`),
  counts: (q: Pick<TaskQuery, 'processKey' | 'dueBefore'>) => request<TaskCounts>('GET', `/tasks/counts?${query({ processKey: q.processKey, dueBefore: q.dueBefore })}`),
  task: (id: string) => request<TaskDetail>('GET', task(id)),
  claim: (id: string, revision: number) => request<TaskDetail>('POST', `${task(id)}/claim`, { json: { revision } }),
  unclaim: (id: string, revision: number) => request<TaskDetail>('POST', `${task(id)}/unclaim`, { json: { revision } }),
  assign: (id: string, assignee: string, revision: number) => request<TaskDetail>('POST', `${task(id)}/assign`, { json: { assignee, revision } }),
  comment: (id: string, text: string) => request<{ task: TaskDetail }>('POST', `${task(id)}/comments`, { json: { text } }),
  complete: (id: string, variables: Record<string, unknown>, revision: number) => request<TaskDetail>('POST', `${task(id)}/complete`, { json: { variables, revision } }),
  instancePath: (instanceId: string) => request<{ path: InstancePathStep[] }>('GET', `/instances/${encodeURIComponent(instanceId)}`),
  outbox: () => request<{ smtpConfigured: boolean; items: OutboxMessage[] }>('GET', '/notifications/outbox?limit=20'),
};

// Monitoring an instance (the instance page): its live state as the interpreter reports it, and incidents.

// The interpreter's own types: the API returns the instance state as the workflow reports it.
export type { MonitoredActiveElement, InstanceIncident, InstanceScope };

/** `GET /instances/:id` in full. */
export interface InstanceDetail extends Omit<Instance, 'activeElements'> {
  startedAt: string;
  closedAt: string | null;
  /** The process and version the instance runs, and its business key. */
  processKey: string | null;
  version: number | null;
  businessKey: string | null;
  activeElements: MonitoredActiveElement[];
  /** Each step also names the flow the token came by (absent at start and boundary events). */
  path: (InstancePathStep & { flowId?: string })[];
  incidents: InstanceIncident[];
  scopes: Record<string, InstanceScope>;
  terminatedBy?: string;
}

export const monitorApi = {
  instance: (id: string) => request<InstanceDetail>('GET', `/instances/${encodeURIComponent(id)}`),
  /** Sets `variables` in the incident's scope, then its element runs again; 409 when already resolved. */
  resolveIncident: (instanceId: string, incidentId: string, variables?: Record<string, unknown>) =>
    request<{ incidentId: string; resolvedAt: string }>('POST', `/instances/${encodeURIComponent(instanceId)}/incidents/${encodeURIComponent(incidentId)}/resolve`, {
      json: variables ? { variables } : {},
    }),
  /** A version with its BPMN XML and graph (node names). */
  version: (key: string, version: number) => request<ProcessVersion & { graph: { nodes: Record<string, { name?: string }> } }>('GET', `/processes/${encodeURIComponent(key)}/versions/${version}`),
};
