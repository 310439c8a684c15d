/**
 * Runs an activity with the boundary events attached to it. The activity runs in its own
 * cancellation scope, each timer, message or signal boundary event listens in another:
 * - interrupting (cancelActivity): the first to fire cancels the activity's scope (a user task
 *   closes its record as canceled, a service task's activity is canceled, a subprocess cancels
 *   its tokens) and the token leaves by that boundary event;
 * - non-interrupting: each firing starts a new token at the boundary event; a timer cycle
 *   `R<n>/<duration>` fires n times (forever without n) while the activity runs.
 * Error and escalation boundary events are not listened for: a throw inside the activity
 * arrives here as a `BpmnThrow` naming its catcher (see throws.ts).
 * When the activity ends, every listener is withdrawn (timers canceled, subscriptions closed).
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { isActivity, type BoundaryEventNode, type GraphNode } from '../../compiler/graph';
import { behaviorOf } from './behaviors';
import type { EventOccurrence, ExecutionContext, Taken, Token } from './context';
import { IncidentError, retryingIncidents } from './incident';
import type { ParkSlot } from './parking';
import { runMultiInstance } from './multi-instance';
import { BpmnThrow } from './throws';
import { awaitTrigger, listenRepeatedly } from './triggers';

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

/**
 * The element's own work: once, or once per item when it is a multi-instance activity. An
 * incident holds it here, inside the activity's scope, so its boundary events keep listening
 * meanwhile (Camunda: a timer boundary event still fires while its task is in incident).
 */
function perform(node: GraphNode, context: ExecutionContext, token: Token): Promise<Taken[]> {
  if (isActivity(node) && node.multiInstance) return runMultiInstance(node, node.multiInstance, context, token);
  const incident = token.resume?.wait?.kind === 'incident' ? token.resume.wait.incident : undefined;
  return retryingIncidents(context.incidents, context.scope.variables, () => behaviorOf(node)(node, context, token), { slot: token.slot, ...(incident ? { resume: incident } : {}) });
}

/** A throw that one of this activity's boundary events catches, interrupting it. */
function caughtHere(error: unknown, boundaries: readonly BoundaryEventNode[]): { interruptedBy: string; occurred: EventOccurrence } | undefined {
  if (!(error instanceof BpmnThrow) || error.catcher.kind !== 'boundaryEvent') return undefined;
  if (!boundaries.some((boundary) => boundary.id === error.catcher.nodeId)) return undefined;
  return { interruptedBy: error.catcher.nodeId, occurred: { type: error.thrown.type, thrown: error.thrown } };
}

export async function runWithBoundaryEvents(node: GraphNode, context: ExecutionContext, token: Token): Promise<Outcome> {
  const boundaries = boundaryEventsOf(node, context);
  if (boundaries.length === 0) return { flows: await perform(node, context, token) };

  const activityScope = new CancellationScope();
  const listenersScope = new CancellationScope();
  let interruption: { interruptedBy: string; occurred: EventOccurrence } | undefined;
  const listeners = boundaries
    .filter((boundary) => boundary.trigger.type !== 'error' && boundary.trigger.type !== 'escalation')
    .map((boundary) => {
      // Each listener reports its wait on the token, and takes up the one a continued instance carried.
      const slot: ParkSlot = {};
      token.boundarySlots.set(boundary.id, slot);
      const resume = token.resume?.boundaries?.[boundary.id];
      const options = { host: token.active, parking: { slot, ...(resume ? { resume } : {}) } };
      return listenersScope.run(async () => {
        if (!boundary.cancelActivity) {
          return listenRepeatedly(boundary.trigger, boundary.id, context, (occurred) => context.scope.spawn({ nodeId: boundary.id, occurred }), options);
        }
        const occurred = await awaitTrigger(boundary.trigger, boundary.id, context, options);
        if (interruption) return;
        interruption = { interruptedBy: boundary.id, occurred };
        activityScope.cancel();
      });
    });
  // A listener that fails (a FEEL error in its timer, say) is an incident of the activity.
  const listenerFailure = Promise.all(listeners).then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => {
      if (isCancellation(error)) return new Promise<never>(() => undefined);
      throw error;
    },
  );
  const activity = activityScope.run(() => perform(node, context, token));
  try {
    return { flows: await Promise.race([activity, listenerFailure]) };
  } catch (error) {
    if (interruption && isCancellation(error)) return interruption;
    const caught = caughtHere(error, boundaries);
    if (caught) return caught;
    throw error;
  } finally {
    listenersScope.cancel();
    activityScope.cancel(); // a no-op once the activity is over
    // Let the activity release what it holds and withdrawn listeners close their subscriptions.
    await Promise.allSettled([activity, ...listeners]);
  }
}
