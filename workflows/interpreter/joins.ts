/**
 * Joins, in one place (one registry per scope run). A parallel join fires when one token has
 * come by each of its incoming flows; an inclusive join fires when no other token of the scope
 * can still reach it. Arrivals are kept per join in activations (waves), oldest first: a token
 * joins the oldest activation that has not yet had a token on its flow, so in a loop a fast
 * branch's second token waits for the next wave instead of firing the join twice or being
 * swallowed.
 */
import { condition } from '@temporalio/workflow';
import type { GraphNode } from '../../compiler/graph';
import { IncidentError } from './incident';

type JoinNode = Pick<GraphNode, 'id' | 'incoming'>;

interface Activation {
  arrived: Set<string>;
  fired: boolean;
}

export class JoinRegistry {
  private readonly activations = new Map<string, Activation[]>();

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

  /** Activations still waiting, per join: for monitoring and tests. */
  pending(joinId: string): string[][] {
    return (this.activations.get(joinId) ?? []).map((wave) => [...wave.arrived]);
  }

  /**
   * The token that completes an activation goes on; the others wait at the join until it
   * fires, then end (so the instance state shows them waiting, and a cancel finds them).
   */
  async join(node: JoinNode, via: string | undefined): Promise<boolean> {
    if (node.incoming.length <= 1) return true;
    const { activation, completes } = this.arrive(node, via);
    if (completes) return true;
    await condition(() => activation.fired);
    return false;
  }

  /**
   * An inclusive join: the first token of an activation waits until every incoming flow had a
   * token or `canStillArrive()` says no other token of the scope can reach the join any more,
   * then goes on; the others of its activation end there.
   */
  async joinInclusive(node: JoinNode, via: string | undefined, canStillArrive: () => boolean): Promise<boolean> {
    if (node.incoming.length <= 1) return true;
    const { activation, completes } = this.arrive(node, via);
    if (completes) return true;
    if (activation.arrived.size > 1) {
      await condition(() => activation.fired);
      return false;
    }
    await condition(() => activation.fired || !canStillArrive());
    if (activation.fired) return false; // completed by the last flow's token, which went on
    activation.fired = true;
    const waves = this.activations.get(node.id) ?? [];
    waves.splice(waves.indexOf(activation), 1);
    return true;
  }
}
