/**
 * Incidents: a token that cannot go on (FEEL failure, no flow to take, activity out of
 * retries, no worker for an external task) stops at its element and waits, visible in the
 * instance state, until the API resolves the incident; the element then runs again, with the
 * variables the resolution set. Nothing fails silently and nothing is lost meanwhile.
 */
import { condition } from '@temporalio/workflow';
import type { Incident, InstanceState, ResolveIncidentInput } from '../definitions';
import type { Variables, VariableScope } from './variables';

export class IncidentError extends Error {
  constructor(
    readonly elementId: string,
    readonly reason: string,
  ) {
    super(`Incident at ${elementId}: ${reason}`);
    this.name = 'IncidentError';
  }
}

export class IncidentRegistry {
  private created = 0;
  private readonly resolutions = new Map<string, ResolveIncidentInput>();

  constructor(private readonly state: InstanceState) {}

  private get open(): Incident[] {
    return (this.state.incidents ??= []);
  }

  /** For the update validator: only an open incident can be resolved, and only once. */
  assertResolvable(incidentId: string): void {
    if (!this.open.some((incident) => incident.incidentId === incidentId) || this.resolutions.has(incidentId)) {
      throw new Error(`Incident ${incidentId} is not open`);
    }
  }

  resolve(input: ResolveIncidentInput): void {
    this.resolutions.set(input.incidentId, input);
  }

  /** Shows the incident and waits for its resolution; returns the variables it sets. */
  async waitForResolution(error: IncidentError, scopeKey: string): Promise<Variables> {
    const incident: Incident = {
      incidentId: `${error.elementId}:${++this.created}`,
      elementId: error.elementId,
      reason: error.reason,
      createdAt: new Date().toISOString(),
      scopeKey,
    };
    this.open.push(incident);
    try {
      await condition(() => this.resolutions.has(incident.incidentId));
      return this.resolutions.get(incident.incidentId)?.variables ?? {};
    } finally {
      this.open.splice(this.open.indexOf(incident), 1);
      this.resolutions.delete(incident.incidentId);
    }
  }
}

/** Runs `run` until it succeeds: each incident waits for its resolution, whose variables are set, then `run` runs again. */
export async function retryingIncidents<T>(incidents: IncidentRegistry, variables: VariableScope, run: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      variables.propagate(await incidents.waitForResolution(error, variables.key));
    }
  }
}
