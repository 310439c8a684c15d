/**
 * Bounded histories for instances of any shape. When the history has grown long, a token about
 * to enter its next element asks whether every other token of the instance is parked: waiting
 * for an agent, a timer, a message or a signal (alone or at an event-based gateway), at a
 * join, in incident, or inside a subprocess whose own tokens are all parked. If so, the instance freezes: no token takes another step in this run,
 * and the run continues as new, carrying a snapshot of every scope (tokens, joins, event
 * subprocess listeners, variables). The new run takes each token up where it stood, without
 * redoing what it had done: the task record stays open, the message and signal subscription
 * records stay in MongoDB (so nothing published or broadcast in between is missed), timers keep
 * their due time.
 *
 * A token busy elsewhere (a job, a called process, a multi-instance activity) is not parked:
 * the instance then goes on and asks again at the next step; near the hard limit the stepping
 * token waits for the others instead (process-instance.ts, STOP_STEPS_AFTER_EVENTS).
 */
import { condition } from '@temporalio/workflow';
import type { MessageDelivery } from '../../activities/contracts';
import type { Incident, ResolveIncidentInput, SignalDelivery, TimerProgress } from '../definitions';

/** A message subscription, open in this instance and recorded in MongoDB. */
export interface ParkedMessageWait {
  kind: 'message';
  subscriptionId: string;
  name: string;
  correlationKey: string;
  /** Set when the message arrived while the instance was frozen. */
  delivery?: MessageDelivery;
  /** A listener's messages that came while it handled one (always set for a listener). */
  backlog?: MessageDelivery[];
}

export interface ParkedSignalWait {
  kind: 'signal';
  subscriptionId: string;
  name: string;
  delivery?: SignalDelivery;
  /** A listener's signals that came while it handled one (always set for a listener). */
  backlog?: SignalDelivery[];
}

/** A timer: a catch event's due time, or a listener's progress through its cycle. */
export type ParkedTimerWait = { kind: 'timer' } & Partial<TimerProgress>;

/** What a boundary event or an event subprocess's start event listens for. */
export type ParkedListener = ParkedMessageWait | ParkedSignalWait | ParkedTimerWait;

export function isParkedListener(wait: ParkedWait | undefined): wait is ParkedListener {
  return wait?.kind === 'timer' || wait?.kind === 'message' || wait?.kind === 'signal';
}

/** What a parked token waits for inside its element. */
export type ParkedWait =
  | ParkedListener
  | { kind: 'userTask'; taskId: string; /** The task's input mappings' values (its output mappings read them). */ inputs: Record<string, unknown> }
  /** At a join: the wave it arrived in (index among the join's waiting waves); `leads` for an inclusive join's first arrival, which goes on. */
  | { kind: 'join'; wave: number; leads: boolean }
  | { kind: 'subProcess'; scope: ParkedScope }
  /** At an event-based gateway: each flow's event, by flow id. */
  | { kind: 'eventGateway'; waits: Record<string, ParkedListener> }
  /** In incident: the element runs again once the API resolves it. */
  | { kind: 'incident'; incident: Incident; /** Sent while the instance was frozen. */ resolution?: ResolveIncidentInput };

/** A token of a snapshot: about to enter `nodeId`, or (with `since`) waiting inside it. */
export interface ParkedToken {
  nodeId: string;
  via?: string;
  /** When it entered the element it waits in; absent for a token between two elements. */
  since?: string;
  wait?: ParkedWait;
  /** The element's boundary events, by id, that still listen. */
  boundaries?: Record<string, ParkedListener>;
}

/** One scope of a snapshot: the process, a subprocess run or an event subprocess run. */
export interface ParkedScope {
  key: string;
  /** Its local variables (the process scope's are the instance's variables). */
  variables: Record<string, unknown>;
  tokens: ParkedToken[];
  /** Its event subprocesses that are running. */
  eventSubProcesses: { eventSubProcessId: string; scope: ParkedScope }[];
  /** Per join, the flows arrived in each wave still waiting (see joins.ts). */
  joins: Record<string, string[][]>;
  /** Its event subprocesses' start events still listening, by start event id. */
  listeners: Record<string, ParkedListener>;
  /** An interrupting event subprocess has taken over the scope: the others listen no more. */
  interrupted?: true;
}

/** Where a waiting element reports what it waits for, while it waits. */
export interface ParkSlot {
  describe?: () => ParkedWait | undefined;
}

/** What a wait is given to take part in continuations: where to report, and what to take up. */
export interface WaitParking<W extends ParkedWait = ParkedWait> {
  slot: ParkSlot;
  /** The wait as the previous run left it (continued instances only). */
  resume?: W;
}

/**
 * Every wait a snapshot carries, with the element that waits, nested scopes included (a
 * continued instance reopens its subscriptions and tasks from them before anything reaches it).
 */
export function* carriedWaits(scope: ParkedScope): Generator<{ elementId: string; wait: ParkedWait }> {
  for (const [elementId, wait] of Object.entries(scope.listeners)) yield { elementId, wait };
  for (const token of scope.tokens) {
    if (token.wait) yield { elementId: token.nodeId, wait: token.wait };
    if (token.wait?.kind === 'subProcess') yield* carriedWaits(token.wait.scope);
    if (token.wait?.kind === 'eventGateway') for (const wait of Object.values(token.wait.waits)) yield { elementId: token.nodeId, wait };
    for (const [elementId, wait] of Object.entries(token.boundaries ?? {})) yield { elementId, wait };
  }
  for (const run of scope.eventSubProcesses) yield* carriedWaits(run.scope);
}

/**
 * The instance's freeze: set when it has decided to continue as new, lifted only if the
 * snapshot cannot be taken after all (the tokens then go on in this run).
 */
export class Parking {
  private frozen = false;

  get isFrozen(): boolean {
    return this.frozen;
  }

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
  }

  /**
   * Holds a token whose wait has just ended while the instance is frozen: it stays where it is
   * (the snapshot shows it still waiting, with what came) until the run ends. Cancellable: an
   * instance canceled while frozen releases its tokens as usual. Call it only when frozen
   * (`if (parking.isFrozen) await parking.hold()`): an await that is not needed would shift the
   * order of commands that running instances recorded.
   */
  async hold(): Promise<void> {
    await condition(() => !this.frozen);
  }
}

/** Reports `describe` in `slot` (when given) until the returned function withdraws it. */
export function reportWait(slot: ParkSlot | undefined, describe: () => ParkedWait | undefined): () => void {
  if (slot) slot.describe = describe;
  return () => {
    if (slot?.describe === describe) delete slot.describe;
  };
}

/**
 * A message or signal listener's loop (it keeps one subscription): hands each delivery the
 * subscription receives to `fire`, for as long as the caller's scope runs; `next` gives the one
 * to handle after it (the subscription's backlog). In a frozen instance it holds before handing
 * one out, which the snapshot then carries.
 */
export async function handEachDelivery<D>(subscription: { delivery?: D }, parking: Parking, next: () => D | undefined, fire: (delivery: D) => void): Promise<never> {
  for (;;) {
    await condition(() => subscription.delivery !== undefined);
    if (parking.isFrozen) await parking.hold();
    const delivery = subscription.delivery!;
    subscription.delivery = next();
    fire(delivery);
  }
}
