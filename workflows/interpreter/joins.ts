/**
 * Joins, in one place (one registry per scope run). A parallel join fires when one token has
 * come by each of its incoming flows; an inclusive join fires when no other token of the scope
 * can still reach it. Arrivals are kept per join in activations (waves), oldest first: a token
 * joins the oldest activation that has not yet had a token on its flow, so in a loop a fast
 * branch's second token waits for the next wave instead of firing the join twice or being
 * swallowed. The waves still waiting go to a continued instance (snapshot, restore), and the
 * tokens waiting in them take their wave up again (rejoin).
 */
import { condition } from '@temporalio/workflow';
import type { GraphNode } from '../../compiler/graph';
import { IncidentError } from './incident';
import { reportWait, type Parking, type ParkSlot } from './parking';

type JoinNode = Pick<GraphNode, 'id' | 'incoming'>;

interface Activation {
  arrived: Set<string>;
  fired: boolean;
}

export class JoinRegistry {
  private readonly activations = new Map<string, Activation[]>();

  constructor(private readonly parking: Parking) {}

  /** The waves still waiting, per join: the flows arrived in each, oldest first. */
  snapshot(): Record<string, string[][]> {
    const waiting: Record<string, string[][]> = {};
    for (const [joinId, waves] of this.activations) if (waves.length > 0) waiting[joinId] = waves.map((wave) => [...wave.arrived]);
    return waiting;
  }

  /** Takes up the waves a continued instance carried (before any token of the scope runs). */
  restore(waiting: Record<string, string[][]>): void {
    for (const [joinId, waves] of Object.entries(waiting)) {
      this.activations.set(
        joinId,
        waves.map((arrived) => ({ arrived: new Set(arrived), fired: false })),
      );
    }
  }

  /** Reports a token waiting in `activation` as parked at the join (its wave's index, -1 once fired). */
  private report(joinId: string, activation: Activation, slot: ParkSlot | undefined, leads: boolean): () => void {
    return reportWait(slot, () => ({ kind: 'join', wave: (this.activations.get(joinId) ?? []).indexOf(activation), leads }));
  }

  /** Records a token's arrival; returns the activation it belongs to and whether it completed it. */
  arrive(node: JoinNode, via: string | undefined): { activation: Activation; completes: boolean } {
    if (via === undefined || !node.incoming.includes(via)) throw new IncidentError(node.id, 'a token reached the join by no incoming flow');
    const waves = this.activations.get(node.id) ?? [];
    this.activations.set(node.id, waves);
    let activation = waves.find((wave) => !wave.arrived.has(via));
    if (!activation) {
      activation = { arrived: new Set(), fired: false };
      waves.push(activation);
    }
    activation.arrived.add(via);
    const completes = activation.arrived.size === node.incoming.length;
    if (completes) {
      activation.fired = true;
      waves.splice(waves.indexOf(activation), 1);
    }
    return { activation, completes };
  }

  /**
   * The token that completes an activation goes on; the others wait at the join until it
   * fires, then end (so the instance state shows them waiting, and a cancel finds them).
   */
  async join(node: JoinNode, via: string | undefined, slot?: ParkSlot): Promise<boolean> {
    if (node.incoming.length <= 1) return true;
    const { activation, completes } = this.arrive(node, via);
    if (completes) return true;
    const withdraw = this.report(node.id, activation, slot, false);
    try {
      await condition(() => activation.fired);
      if (this.parking.isFrozen) await this.parking.hold();
    } finally {
      withdraw();
    }
    return false;
  }

  /**
   * An inclusive join: the first token of an activation waits until every incoming flow had a
   * token or `canStillArrive()` says no other token of the scope can reach the join any more,
   * then goes on; the others of its activation end there.
   */
  async joinInclusive(node: JoinNode, via: string | undefined, canStillArrive: () => boolean, slot?: ParkSlot): Promise<boolean> {
    if (node.incoming.length <= 1) return true;
    const { activation, completes } = this.arrive(node, via);
    if (completes) return true;
    const leads = activation.arrived.size === 1;
    const withdraw = this.report(node.id, activation, slot, leads);
    try {
      if (!leads) {
        await condition(() => activation.fired);
        if (this.parking.isFrozen) await this.parking.hold();
        return false;
      }
      await condition(() => activation.fired || !canStillArrive());
      if (this.parking.isFrozen) await this.parking.hold();
    } finally {
      withdraw();
    }
    return this.lead(node.id, activation);
  }

  /**
   * A token a continued instance carried while it waited at the join: it waits in its wave
   * again (restored before it), or ends if the wave fired meanwhile.
   */
  async rejoin(node: JoinNode, wave: number, leads: boolean, canStillArrive: () => boolean, slot?: ParkSlot): Promise<boolean> {
    const activation = wave >= 0 ? this.activations.get(node.id)?.[wave] : undefined;
    if (!activation) return false;
    const withdraw = this.report(node.id, activation, slot, leads);
    try {
      await condition(() => activation.fired || (leads && !canStillArrive()));
      if (this.parking.isFrozen) await this.parking.hold();
    } finally {
      withdraw();
    }
    return leads ? this.lead(node.id, activation) : false;
  }

  /** The inclusive join's first token, done waiting: it goes on and fires its wave, unless the last flow's token did. */
  private lead(joinId: string, activation: Activation): boolean {
    if (activation.fired) return false; // completed by the last flow's token, which went on
    activation.fired = true;
    const waves = this.activations.get(joinId) ?? [];
    waves.splice(waves.indexOf(activation), 1);
    return true;
  }
}
