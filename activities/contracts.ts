/**
 * What the interpreter workflow sends to activities and gets back. Type-only: the workflow
 * sandbox imports nothing else from here.
 */

import type { DataClassification } from '../compiler/ai-policy';

/** Where a service task runs: which instance, which element, which process version. */
export interface InstanceRef {
  instanceId: string;
  processKey: string;
  processVersion: number;
  elementId: string;
  businessKey?: string;
  /** From the process graph: what AI activities check before sending data anywhere. */
  dataClassification: DataClassification;
  aiProvider?: string;
}

/**
 * The one argument of every service-task activity (catalog or external), as Camunda gives a
 * job: the task's input variables and its headers. The activity returns variables.
 */
export interface ServiceTaskRequest {
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  instance: InstanceRef;
}

export type ServiceTaskResult = Record<string, unknown>;

export interface OpenUserTaskRequest {
  taskId: string;
  instance: InstanceRef;
  name: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  form?: unknown;
  variables: Record<string, unknown>;
  /** ISO 8601 date-times from `zeebe:taskSchedule`, evaluated when the task opened. */
  dueDate?: string;
  followUpDate?: string;
  /** 0–100, Camunda's default 50. */
  priority?: number;
  /** `zeebe:taskHeaders` of the user task. */
  headers?: Record<string, string>;
  /** The workflow tells the candidates with notifyTaskCandidates (instances started before it did: openUserTask tells them). */
  notifySeparately?: boolean;
}

/** What telling a new task's candidates needs (not the task's variables). */
export type TaskNotice = Pick<OpenUserTaskRequest, 'taskId' | 'instance' | 'name' | 'assignee' | 'candidateGroups' | 'candidateUsers' | 'dueDate'>;

export interface CloseUserTaskRequest {
  taskId: string;
  state: 'completed' | 'canceled';
  by?: string;
  result?: Record<string, unknown>;
}

/** The activities the workflow calls besides the service-task types. */
export interface HumanTaskActivities {
  openUserTask(request: OpenUserTaskRequest): Promise<void>;
  /** Writes the "new task" notification of the candidates who opted in to the outbox. */
  notifyTaskCandidates(notice: TaskNotice): Promise<void>;
  closeUserTask(request: CloseUserTaskRequest): Promise<void>;
}

/** An instance a message started is over (activities/message-start.ts). */
export interface MessageStartActivities {
  releaseMessageStart(ended: { instanceId: string; processKey: string; correlationKey: string }): Promise<void>;
}

/** The reference number of an instance started without the API (activities/reference.ts). */
export interface ReferenceActivities {
  reserveReference(request: { processKey: string; pattern: string }): Promise<string>;
}

/** A published message as an instance receives it. */
export interface MessageDelivery {
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  /** When its time to live ends (ISO date-time): until then an instance that got it while no token waited keeps it for the next one. */
  expiresAt?: string;
}

/** A token starts waiting for a message: record it, so the API can find the instance. */
export interface OpenMessageSubscriptionRequest {
  /** Derived: instance id + element id + occurrence, so a retry finds the same subscription. */
  subscriptionId: string;
  instance: InstanceRef;
  name: string;
  correlationKey: string;
}

export interface CloseMessageSubscriptionRequest {
  subscriptionId: string;
}

export interface MessageActivities {
  /**
   * Records the subscription, then takes the oldest buffered message for it that is still
   * alive and this instance has not received yet (a conditional update: one taker per
   * instance). Returns it, or null when the token must wait for one.
   */
  openMessageSubscription(request: OpenMessageSubscriptionRequest): Promise<MessageDelivery | null>;
  closeMessageSubscription(request: CloseMessageSubscriptionRequest): Promise<void>;
}

/** A token starts waiting for a signal: record it, so a broadcast finds the instance. */
export interface OpenSignalSubscriptionRequest {
  /** Derived like message subscriptions' ids. */
  subscriptionId: string;
  instance: InstanceRef;
  name: string;
}

/** A signal throw event broadcasts: every waiting instance and every signal start event. */
export interface BroadcastSignalRequest {
  /** Derived from the throwing element's occurrence, so a retried broadcast is sent once. */
  signalId: string;
  name: string;
  variables: Record<string, unknown>;
  instance: InstanceRef;
}

export interface SignalActivities {
  openSignalSubscription(request: OpenSignalSubscriptionRequest): Promise<void>;
  closeSignalSubscription(request: { subscriptionId: string }): Promise<void>;
  broadcastSignal(request: BroadcastSignalRequest): Promise<void>;
}

/** The process version a call activity runs. */
export interface CalledProcessRequest {
  processKey: string;
  binding: { type: 'latest' } | { type: 'version'; version: number };
  instance: InstanceRef;
}

export interface CalledProcess {
  /** The called version's graph (typed loosely here: contracts stay free of compiler types). */
  graph: unknown;
  processVersion: number;
}

export interface CallActivityActivities {
  /** Loads the deployed version to run; fails (not retryable) when there is none. */
  resolveCalledProcess(request: CalledProcessRequest): Promise<CalledProcess>;
}
