/**
 * Incidents: a token that cannot go on (FEEL failure, no flow to take, activity out of
 * retries, no worker for an external task) stops at its element and waits, visible in the
 * instance state, until the API resolves the incident; the element then runs again, with the
 * variables the resolution set. Nothing fails silently and nothing is lost meanwhile.
 */
import { condition } from '@temporalio/workflow';
import type { Incident, InstanceState, ResolveIncidentInput } from '../definitions';
import { reportWait, type Parking, type ParkSlot } from './parking';
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
  private readonly resolutions = new Map<string, ResolveIncidentInput>();

  /** `created`: how many incidents the instance had before (a continued instance goes on numbering). */
  constructor(
    private readonly state: InstanceState,
    private readonly parking: Parking,
    private created = 0,
  ) {}

  /** How many incidents the instance had so far (carried to a continuation). */
  get count(): number {
    return this.created;
  }

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
  waitForResolution(error: IncidentError, scopeKey: string, slot?: ParkSlot): Promise<Variables> {
    return this.await(
      {
        incidentId: `${error.elementId}:${++this.created}`,
        elementId: error.elementId,
        reason: error.reason,
        createdAt: new Date().toISOString(),
        scopeKey,
      },
      slot,
    );
  }

  /**
   * Shows again an incident a continued instance carried (before the handlers are set, so that
   * a resolution sent meanwhile finds it), with the resolution it got while frozen, if any.
   */
  reopen(incident: Incident, resolution?: ResolveIncidentInput): void {
    if (!this.open.some((open) => open.incidentId === incident.incidentId)) this.open.push({ ...incident });
    if (resolution) this.resolve(resolution);
  }

  /** Waits for the resolution of an incident a continued instance reopened. */
  waitAgain(incident: Incident, slot?: ParkSlot): Promise<Variables> {
    return this.await(this.open.find((open) => open.incidentId === incident.incidentId) ?? { ...incident }, slot);
  }

  private async await(incident: Incident, slot: ParkSlot | undefined): Promise<Variables> {
    if (!this.open.includes(incident)) this.open.push(incident);
    const withdraw = reportWait(slot, () => {
      const resolution = this.resolutions.get(incident.incidentId);
      return { kind: 'incident', incident, ...(resolution ? { resolution } : {}) };
    });
    try {
      await condition(() => this.resolutions.has(incident.incidentId));
      if (this.parking.isFrozen) await this.parking.hold();
      return this.resolutions.get(incident.incidentId)?.variables ?? {};
    } finally {
      withdraw();
      this.open.splice(this.open.indexOf(incident), 1);
      this.resolutions.delete(incident.incidentId);
    }
  }
}

/**
 * Runs `run` until it succeeds: each incident waits for its resolution, whose variables are
 * set, then `run` runs again. `parking`: where the token reports an incident it waits in, and
 * the incident a continued instance carried (waited for first).
 */
export async function retryingIncidents<T>(incidents: IncidentRegistry, variables: VariableScope, run: () => Promise<T>, parking?: { slot: ParkSlot; resume?: Incident }): Promise<T> {
  if (parking?.resume) variables.propagate(await incidents.waitAgain(parking.resume, parking.slot));
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      variables.propagate(await incidents.waitForResolution(error, variables.key, parking?.slot));
    }
  }
}
