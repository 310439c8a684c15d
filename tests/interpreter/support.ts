/**
 * What the interpreter tests share: the test platform (real Temporal and FerretDB, in-process
 * worker) plus a worker on the external task queue serving small test activities, and helpers
 * to deploy a fixture, start an instance, read its state and act on its tasks through the API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { ServiceTaskRequest } from '../../activities/contracts';
import type { ActiveElement, Incident, PathStep, ScopeState } from '../../workflows/definitions';
import { eventually, startTestPlatform, type ApiResponse, type TestPlatform } from '../support/platform';

export { eventually } from '../support/platform';

export function fixture(name: string): string {
  return readFileSync(path.join(__dirname, '../fixtures/bpmn', name), 'utf8');
}

export interface InstanceView {
  instanceId: string;
  status: 'running' | 'completed' | 'failed' | 'canceled' | 'terminated';
  variables: Record<string, any>;
  activeElements: ActiveElement[];
  path: PathStep[];
  terminatedBy?: string;
  failure?: string;
  incidents?: Incident[];
  scopes?: Record<string, ScopeState>;
}

export interface TaskView {
  id: string;
  instanceId: string;
  elementId: string;
  state: string;
}

/** What the test activities saw, for assertions. */
export interface ActivityLog {
  calls: { type: string; instanceId: string; elementId: string }[];
  canceled: { instanceId: string; elementId: string }[];
}

/**
 * Test activities, as a team's own worker would serve them (task types outside the catalog):
 * - `test.set`: returns the JSON object of its `set` header;
 * - `test.increment`: returns `{ [variable]: variable + 1 }` (`variable` header);
 * - `test.slow`: heartbeats for 30 s unless canceled (and records the cancellation);
 * - `test.flaky`: fails unless the variable `fixed` is true;
 * - `test.reject`: reports the BPMN error whose code is in the variable `errorCode`, as a team's
 *   worker does (`ApplicationFailure` of type `BpmnError` with `{ errorCode }`).
 */
function testActivities(log: ActivityLog) {
  const record = (type: string, request: ServiceTaskRequest) =>
    log.calls.push({ type, instanceId: request.instance.instanceId, elementId: request.instance.elementId });
  return {
    async 'test.set'(request: ServiceTaskRequest) {
      record('test.set', request);
      return JSON.parse(request.headers.set ?? '{}') as Record<string, unknown>;
    },
    async 'test.increment'(request: ServiceTaskRequest) {
      record('test.increment', request);
      const name = request.headers.variable ?? 'count';
      return { [name]: Number(request.variables[name] ?? 0) + 1 };
    },
    async 'test.flaky'(request: ServiceTaskRequest) {
      record('test.flaky', request);
      if (request.variables.fixed !== true) throw new Error('the remote service refused the call');
      return { flakyDone: true };
    },
    async 'test.reject'(request: ServiceTaskRequest) {
      record('test.reject', request);
      throw ApplicationFailure.nonRetryable('the file does not meet the rules', 'BpmnError', { errorCode: request.variables.errorCode });
    },
    async 'test.slow'(request: ServiceTaskRequest) {
      record('test.slow', request);
      const context = Context.current();
      try {
        for (let i = 0; i < 150; i++) {
          context.heartbeat(i);
          await context.sleep(200);
        }
      } catch (error) {
        if (error instanceof CancelledFailure) log.canceled.push({ instanceId: request.instance.instanceId, elementId: request.instance.elementId });
        throw error;
      }
      return { slowDone: true };
    },
  };
}

export interface InterpreterPlatform {
  platform: TestPlatform;
  log: ActivityLog;
  owner: string;
  agentA: string;
  deploy(fixtureName: string): Promise<void>;
  start(processKey: string, variables?: Record<string, unknown>): Promise<string>;
  instance(instanceId: string): Promise<InstanceView>;
  /** Polls the instance until `predicate` holds. */
  waitFor(instanceId: string, predicate: (view: InstanceView) => boolean, what: string, timeoutMs?: number): Promise<InstanceView>;
  waitForStatus(instanceId: string, status: InstanceView['status'], timeoutMs?: number): Promise<InstanceView>;
  /** The open task of `elementId` in the instance, once it is in agent-a's inbox. */
  openTask(instanceId: string, elementId: string): Promise<TaskView>;
  completeTask(taskId: string, variables?: Record<string, unknown>): Promise<ApiResponse>;
  publish(message: { name: string; correlationKey: string | number; variables?: Record<string, unknown>; timeToLiveSeconds?: number }): Promise<ApiResponse>;
  broadcast(signal: { name: string; variables?: Record<string, unknown> }): Promise<ApiResponse>;
  /** Waits for an open incident at `elementId`. */
  incidentAt(instanceId: string, elementId: string): Promise<Incident>;
  resolveIncident(instanceId: string, incidentId: string, variables?: Record<string, unknown>): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export async function startInterpreterPlatform(): Promise<InterpreterPlatform> {
  const platform = await startTestPlatform();
  const log: ActivityLog = { calls: [], canceled: [] };
  const connection = await NativeConnection.connect({ address: platform.temporalAddress });
  const external = await Worker.create({
    connection,
    taskQueue: `${platform.taskQueue}-external`,
    activities: testActivities(log),
    // Heartbeats reach the server quickly, so a canceled activity learns it within a second.
    defaultHeartbeatThrottleInterval: '200ms',
    maxHeartbeatThrottleInterval: '200ms',
  });
  const externalRun = external.run();
  const owner = await platform.login('owner');
  const agentA = await platform.login('agent-a');

  const instance = async (instanceId: string) => {
    const response = await platform.request('GET', `/api/v1/instances/${encodeURIComponent(instanceId)}`, { token: owner });
    if (response.status !== 200) throw new Error(`GET instance ${instanceId}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as InstanceView;
  };
  const waitFor: InterpreterPlatform['waitFor'] = (instanceId, predicate, what, timeoutMs = 20_000) =>
    eventually(async () => {
      const view = await instance(instanceId);
      if (view.status === 'failed' && !what.includes('fail')) throw new Error(`instance ${instanceId} failed: ${view.failure}`);
      return predicate(view) ? view : undefined;
    }, what, timeoutMs);

  return {
    platform,
    log,
    owner,
    agentA,
    async deploy(fixtureName) {
      const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: fixture(fixtureName), contentType: 'application/xml' });
      if (deployed.status !== 201 && deployed.status !== 200) throw new Error(`deploy ${fixtureName}: ${deployed.status} ${JSON.stringify(deployed.body)}`);
    },
    async start(processKey, variables = {}) {
      const started = await platform.request('POST', `/api/v1/processes/${processKey}/instances`, { token: owner, json: { variables } });
      if (started.status !== 201) throw new Error(`start ${processKey}: ${started.status} ${JSON.stringify(started.body)}`);
      return started.body.instanceId as string;
    },
    instance,
    waitFor,
    waitForStatus: (instanceId, status, timeoutMs) => waitFor(instanceId, (view) => view.status === status, `instance ${status}`, timeoutMs),
    openTask: (instanceId, elementId) =>
      eventually(async () => {
        const response = await platform.request('GET', '/api/v1/tasks?state=open&limit=200', { token: agentA });
        return (response.body.items as TaskView[]).find((task) => task.instanceId === instanceId && task.elementId === elementId);
      }, `the open task ${elementId}`),
    completeTask: (taskId, variables = {}) => platform.request('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/complete`, { token: agentA, json: { variables } }),
    publish: (message) => platform.request('POST', '/api/v1/messages', { token: owner, json: message }),
    broadcast: (signal) => platform.request('POST', '/api/v1/signals', { token: owner, json: signal }),
    incidentAt: async (instanceId, elementId) =>
      (await waitFor(instanceId, (view) => (view.incidents ?? []).some((i) => i.elementId === elementId), `an incident at ${elementId}`)).incidents!.find((i) => i.elementId === elementId)!,
    resolveIncident: (instanceId, incidentId, variables) =>
      platform.request('POST', `/api/v1/instances/${encodeURIComponent(instanceId)}/incidents/${encodeURIComponent(incidentId)}/resolve`, {
        token: owner,
        json: variables ? { variables } : {},
      }),
    async stop() {
      external.shutdown();
      await externalRun;
      await connection.close();
      await platform.stop();
    },
  };
}

/** Element ids of the path, in order. */
export function pathIds(view: Pick<InstanceView, 'path'>): string[] {
  return view.path.map((step) => step.elementId);
}

export function countIn(ids: string[], elementId: string): number {
  return ids.filter((id) => id === elementId).length;
}

/** How long a token stayed in the element (first passage), in milliseconds. */
export function stayMs(view: Pick<InstanceView, 'path'>, elementId: string): number {
  const step = view.path.find((s) => s.elementId === elementId);
  if (!step?.leftAt) throw new Error(`${elementId} was not left`);
  return Date.parse(step.leftAt) - Date.parse(step.enteredAt);
}
