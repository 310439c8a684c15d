import { CancellationScope, condition, isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { HumanTaskActivities, OpenUserTaskRequest, TaskNotice } from '../../../activities/contracts';
import { parseIsoDateTime } from '../../../compiler/elements/iso8601';
import type { UserTaskNode, ValueSource } from '../../../compiler/graph';
import type { Behavior, ExecutionContext, Token } from '../context';
import { applyMappings, resolveIdList, resolveValue, type Variables } from '../feel';
import { IncidentError } from '../incident';
import { reportWait } from '../parking';
import { applyResult } from './service-task';

const humanTaskActivities = proxyActivities<HumanTaskActivities>({
  startToCloseTimeout: '10 seconds', // short database writes: a dead worker's attempt is retried soon
  // No maximumAttempts: retried until the database answers, as a human task must not be lost.
});

/** A `zeebe:taskSchedule` date, evaluated when the task opens: an ISO 8601 date-time (FEEL dates print as one). */
function resolveDate(source: ValueSource | undefined, variables: Variables, elementId: string, what: string): string | undefined {
  if (!source) return undefined;
  const value = resolveValue(source, variables, elementId);
  if (value === null || value === undefined || value === '') return undefined;
  const at = parseIsoDateTime(String(value));
  if (at === undefined) throw new IncidentError(elementId, `the ${what} gave ${JSON.stringify(String(value))}, not an ISO 8601 date-time with an offset`);
  return new Date(at).toISOString();
}

/** `zeebe:priorityDefinition`: an integer from 0 to 100. */
function resolvePriority(source: ValueSource | undefined, variables: Variables, elementId: string): number | undefined {
  if (!source) return undefined;
  const value = Number(resolveValue(source, variables, elementId));
  if (!Number.isInteger(value) || value < 0 || value > 100) throw new IncidentError(elementId, `the priority gave ${JSON.stringify(value)}; it must be an integer from 0 to 100`);
  return value;
}

/** Task ids are derived, never random, so a retried activity never opens a second task. */
export function userTaskId(instanceId: string, elementId: string, occurrence: number): string {
  return `${instanceId}:${elementId}:${occurrence}`;
}

/**
 * Since this patch, the side work of a user task runs beside the next steps instead of before
 * them: telling the candidates of a new task (finding who opted in reads the users), and the
 * workflow's close of a completed task's record (the API closed it when it sent the completion;
 * this one is the durable backup for an API that died in between). An agent's completion, and
 * the next task, no longer wait for either. Instances recorded before keep the old order.
 */
const SIDE_WORK_BESIDE = 'human-task-side-work-beside-next-steps';

/** Runs `work` beside the token: the instance waits for it before it ends (process-instance.ts). */
function runBeside(context: ExecutionContext, work: Promise<void>): void {
  const { beside } = context.humanTasks;
  beside.add(work);
  const done = () => void beside.delete(work);
  void work.then(done, done);
}

interface OpenedTask {
  taskId: string;
  /** The values of the task's input mappings. */
  inputs: Variables;
  /** What the task's mappings and assignment see: the scope's variables and the inputs. */
  local: Variables;
  sideWorkBeside: boolean;
}

/**
 * A task the previous run opened, taken up by a continued instance: same id, same record (the
 * instance reopened it before its handlers, see process-instance.ts). Its output mappings see
 * the scope's variables as they are now, and its inputs (as in Camunda, where the inputs are
 * the task's local variables).
 */
function takeUpTask(context: ExecutionContext, token: Token, taskId: string, inputs: Variables): OpenedTask {
  token.active.taskId = taskId;
  return { taskId, inputs, local: { ...context.scope.variables.visible(), ...inputs }, sideWorkBeside: patched(SIDE_WORK_BESIDE) };
}

/**
 * Opens the task record (once: its id is derived) and has its candidates told, beside the
 * next steps. Returns the task's id and its input-mapped variables.
 */
async function openTask(node: UserTaskNode, context: ExecutionContext, token: Token): Promise<OpenedTask> {
  const { humanTasks, instance } = context;
  const taskId = userTaskId(instance.instanceId, node.id, context.nextOccurrence(node.id));
  const visible = context.scope.variables.visible();
  const inputs = applyMappings(node.inputs, visible, node.id);
  const local = { ...visible, ...inputs };
  const [assignee] = resolveIdList(node.assignee, local, node.id);
  const dueDate = resolveDate(node.dueDate, local, node.id, 'due date');
  const followUpDate = resolveDate(node.followUpDate, local, node.id, 'follow-up date');
  const priority = resolvePriority(node.priority, local, node.id);
  const request: OpenUserTaskRequest = {
    taskId,
    instance: { ...instance, elementId: node.id },
    name: node.name ?? node.id,
    ...(assignee ? { assignee } : {}),
    candidateGroups: resolveIdList(node.candidateGroups, local, node.id),
    candidateUsers: resolveIdList(node.candidateUsers, local, node.id),
    ...(node.form ? { form: node.form } : {}),
    variables: local,
    ...(dueDate ? { dueDate } : {}),
    ...(followUpDate ? { followUpDate } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(node.headers && Object.keys(node.headers).length > 0 ? { headers: node.headers } : {}),
  };
  // Open from now on for the update validator: the agent may see the record (and complete it)
  // before this workflow hears that the activity that wrote it finished (a worker may die in
  // between, and the activity then runs again after its timeout).
  humanTasks.open.set(taskId, { elementId: node.id });
  token.active.taskId = taskId;
  const sideWorkBeside = patched(SIDE_WORK_BESIDE);
  // Not cancellable: once asked for, the record exists, and the close below must follow it.
  await CancellationScope.nonCancellable(() => humanTaskActivities.openUserTask({ ...request, ...(sideWorkBeside ? { notifySeparately: true } : {}) }));
  if (sideWorkBeside) {
    // Who and what, not the variables: the history holds those once already.
    const { instance: ref, name, candidateGroups, candidateUsers } = request;
    const notice: TaskNotice = { taskId, instance: ref, name, candidateGroups, candidateUsers, ...(assignee ? { assignee } : {}), ...(dueDate ? { dueDate } : {}) };
    runBeside(context, CancellationScope.nonCancellable(() => humanTaskActivities.notifyTaskCandidates(notice)));
  }
  return { taskId, inputs, local, sideWorkBeside };
}

/**
 * Opens the task record, waits for the `completeUserTask` update, applies the agent's
 * variables (through output mappings when the task has them) and closes the record. Canceled
 * (interrupting boundary event, terminate end event, instance canceled), it closes the record
 * as canceled; the update validator then refuses the task, which is no longer open.
 */
export const userTask: Behavior<UserTaskNode> = async (node, context, token) => {
  const { humanTasks } = context;
  const resumed = token.resume?.wait?.kind === 'userTask' ? token.resume.wait : undefined;
  const { taskId, inputs, local, sideWorkBeside } = resumed ? takeUpTask(context, token, resumed.taskId, resumed.inputs) : await openTask(node, context, token);

  const withdraw = reportWait(token.slot, () => ({ kind: 'userTask', taskId, inputs }));
  try {
    await condition(() => humanTasks.completions.has(taskId));
    if (context.parking.isFrozen) await context.parking.hold();
  } catch (error) {
    if (isCancellation(error)) {
      humanTasks.open.delete(taskId);
      humanTasks.completions.delete(taskId);
      await CancellationScope.nonCancellable(() => humanTaskActivities.closeUserTask({ taskId, state: 'canceled' }));
    }
    throw error;
  } finally {
    withdraw();
  }
  const completion = humanTasks.completions.get(taskId)!;
  humanTasks.open.delete(taskId);
  humanTasks.completions.delete(taskId);
  applyResult(node, completion.variables, context, undefined, local);
  const close = CancellationScope.nonCancellable(() =>
    humanTaskActivities.closeUserTask({ taskId, state: 'completed', by: completion.completedBy, result: completion.variables }),
  );
  if (sideWorkBeside) runBeside(context, close);
  else await close;
  return node.outgoing;
};
