/**
 * Runs an activity with the boundary events attached to it. The activity runs in its own
 * cancellation scope, each boundary event listens in another:
 * - interrupting (cancelActivity): the first to fire cancels the activity's scope (a user task
 *   closes its record as canceled, a service task's activity is canceled) and the token leaves
 *   by that boundary event;
 * - non-interrupting: each firing starts a new token at the boundary event; a timer cycle
 *   `R<n>/<duration>` fires n times (forever without n) while the activity runs.
 * When the activity ends, every listener is withdrawn (timers canceled, subscriptions closed).
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { isActivity, type BoundaryEventNode, type GraphNode } from '../../compiler/graph';
import { behaviorOf } from './behaviors';
import type { EventOccurrence, ExecutionContext, Taken, Token } from './context';
import { IncidentError } from './incident';
import { waitForMessage } from './messages';
import { sleepUntil, timerCycle, timerDueAt } from './timers';

/** How a token leaves an element: by flows, or by an interrupting boundary event. */
export type Outcome = { flows: Taken[] } | { interruptedBy: string; occurred: EventOccurrence };

function boundaryEventsOf(node: GraphNode, context: ExecutionContext): BoundaryEventNode[] {
  const ids = isActivity(node) ? (node.boundaryEventIds ?? []) : [];
  return ids.map((id) => {
    const boundary = context.graph.nodes[id];
    if (boundary?.kind !== 'boundaryEvent') throw new IncidentError(node.id, `boundary event ${id} is missing from the graph`);
    return boundary;
  });
}

/** Waits for one occurrence of a boundary event's trigger (the first one for a cycle). */
async function occurrence(boundary: BoundaryEventNode, context: ExecutionContext, dueAt?: number): Promise<EventOccurrence> {
  if (boundary.trigger.type === 'message') {
    return { type: 'message', delivery: await waitForMessage(boundary.trigger.message, boundary.id, context) };
  }
  await sleepUntil(dueAt ?? timerDueAt(boundary.trigger.timer, context.state.variables, boundary.id, new Date().getTime()), boundary.id);
  return { type: 'timer' };
}

/** A non-interrupting boundary event: a new token at the event for each firing. */
async function listenAlongside(boundary: BoundaryEventNode, context: ExecutionContext): Promise<void> {
  const { trigger } = boundary;
  if (trigger.type === 'timer' && trigger.timer.type === 'cycle') {
    const cycle = timerCycle(trigger.timer, context.state.variables, boundary.id);
    const now = new Date().getTime();
    for (let fired = 0, dueAt = timerDueAt(trigger.timer, context.state.variables, boundary.id, now); cycle.repetitions === undefined || fired < cycle.repetitions; fired++) {
      await occurrence(boundary, context, dueAt);
      context.spawn({ nodeId: boundary.id, occurred: { type: 'timer' } });
      dueAt = timerDueAt(trigger.timer, context.state.variables, boundary.id, dueAt);
    }
    return;
  }
  // A message boundary event keeps listening for the next message; a timer fires once.
  do {
    const occurred = await occurrence(boundary, context);
    context.spawn({ nodeId: boundary.id, occurred });
  } while (trigger.type === 'message');
}

export async function runWithBoundaryEvents(node: GraphNode, context: ExecutionContext, token: Token): Promise<Outcome> {
  const boundaries = boundaryEventsOf(node, context);
  if (boundaries.length === 0) return { flows: await behaviorOf(node)(node, context, token) };

  const activityScope = new CancellationScope();
  const listenersScope = new CancellationScope();
  let interruption: { interruptedBy: string; occurred: EventOccurrence } | undefined;
  const listeners = boundaries.map((boundary) =>
    listenersScope.run(async () => {
      if (!boundary.cancelActivity) return listenAlongside(boundary, context);
      const occurred = await occurrence(boundary, context);
      if (interruption) return;
      interruption = { interruptedBy: boundary.id, occurred };
      activityScope.cancel();
    }),
  );
  // A listener that fails (a FEEL error in its timer, say) is an incident of the activity.
  const listenerFailure = Promise.all(listeners).then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => {
      if (isCancellation(error)) return new Promise<never>(() => undefined);
      throw error;
    },
  );
  const activity = activityScope.run(() => behaviorOf(node)(node, context, token));
  try {
    return { flows: await Promise.race([activity, listenerFailure]) };
  } catch (error) {
    if (interruption && isCancellation(error)) return interruption;
    throw error;
  } finally {
    listenersScope.cancel();
    activityScope.cancel(); // a no-op once the activity is over
    // Let the activity release what it holds and withdrawn listeners close their subscriptions.
    await Promise.allSettled([activity, ...listeners]);
  }
}
