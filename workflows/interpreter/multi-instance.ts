/**
 * Multi-instance activities (Camunda 8's `zeebe:loopCharacteristics`): the activity runs once
 * per item of its input collection, all at once (parallel) or one after the other
 * (sequential). Each run has a scope of its own holding `loopCounter` (1-based) and the item as
 * `inputElement`; its `outputElement` is collected, in item order, into `outputCollection`,
 * which is set in the enclosing scope when the activity completes (runs a completion condition
 * skipped leave null, as in Camunda). The completion condition,
 * checked after each run, can end the activity early: runs still active are canceled.
 * Boundary events belong to the whole multi-instance activity (see boundary-events.ts); an
 * incident stops only the run it happened in.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { ActivityNode, MultiInstance } from '../../compiler/graph';
import type { ActiveElement } from '../definitions';
import { behaviorOf } from './behaviors';
import type { ExecutionContext, Taken, Token } from './context';
import { evaluateFeel } from './feel';
import { IncidentError, retryingIncidents } from './incident';
import { VariableScope } from './variables';

export async function runMultiInstance(node: ActivityNode, loop: MultiInstance, context: ExecutionContext, token: Token): Promise<Taken[]> {
  const { state } = context;
  const items = evaluateFeel(loop.inputCollection, context.scope.variables.visible(), node.id);
  if (!Array.isArray(items)) throw new IncidentError(node.id, `the input collection "${loop.inputCollection}" gave ${JSON.stringify(items)}, not a list`);
  const outputs: unknown[] = items.map(() => null);
  let completed = 0;
  let running = 0;
  let finishedEarly = false;

  const runOne = async (index: number): Promise<void> => {
    const key = `${node.id}#${context.nextOccurrence(`${node.id}/run`)}`;
    const local: Record<string, unknown> = { loopCounter: index + 1 };
    if (loop.inputElement) local[loop.inputElement] = items[index] ?? null;
    // An output element that names one variable (`=opinion`) gets that variable local to the
    // run, as Camunda's documentation advises with an input mapping: parallel runs then each
    // collect their own value instead of the last one written.
    const collected = loop.outputElement?.trim();
    if (collected && /^[A-Za-z_][A-Za-z0-9_]*$/.test(collected) && !(collected in local)) local[collected] = null;
    const variables = new VariableScope(key, local, context.scope.variables);
    (state.scopes ??= {})[key] = { elementId: node.id, parentKey: context.scope.key, variables: local };
    const active: ActiveElement = { elementId: node.id, since: new Date().toISOString(), loopCounter: index + 1 };
    state.active.push(active);
    running++;
    try {
      const runContext: ExecutionContext = { ...context, scope: { ...context.scope, key, variables, carried: false } };
      // Its own slots: a multi-instance activity is never parked (its runs are not carried to a continuation).
      const runToken: Token = { ...token, active, slot: {}, boundarySlots: new Map() };
      await retryingIncidents(context.incidents, variables, () => behaviorOf(node)(node, runContext, runToken));
      if (loop.outputElement) outputs[index] = evaluateFeel(loop.outputElement, variables.visible(), node.id) ?? null;
      completed++;
      if (loop.completionCondition && !finishedEarly) {
        const counters = { numberOfInstances: items.length, numberOfActiveInstances: running - 1, numberOfCompletedInstances: completed };
        const done = evaluateFeel(loop.completionCondition, { ...variables.visible(), ...counters }, node.id);
        if (done === true) finishedEarly = true;
      }
    } finally {
      running--;
      state.active.splice(state.active.indexOf(active), 1);
      delete state.scopes?.[key];
    }
  };

  if (loop.sequential) {
    for (let index = 0; index < items.length && !finishedEarly; index++) await runOne(index);
  } else {
    const runs = new CancellationScope();
    let failure: unknown;
    const all = items.map((_, index) =>
      runs.run(async () => {
        try {
          await runOne(index);
        } catch (error) {
          // One run fails (a BPMN error on its way out, say): the others are canceled.
          if (!isCancellation(error) && failure === undefined) {
            failure = error;
            runs.cancel();
          }
          throw error;
        }
        if (finishedEarly) runs.cancel();
      }),
    );
    const settled = await Promise.allSettled(all);
    if (failure !== undefined) throw failure;
    // Canceled from outside (a boundary event, the instance canceled): not a completion.
    const canceled = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (canceled && !finishedEarly) throw canceled.reason;
  }
  if (loop.outputCollection) context.scope.variables.propagate({ [loop.outputCollection]: outputs });
  return node.outgoing;
}
