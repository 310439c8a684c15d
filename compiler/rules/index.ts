/** Every check the compiler runs, in the order their diagnostics are listed. */
import { aiSovereignty } from './ai-sovereignty';
import { elementReachable } from './element-reachable';
import { eventGatewayTargets } from './event-gateway-targets';
import { feelSyntax } from './feel-syntax';
import { gatewayConditions } from './gateway-conditions';
import { messageCorrelation } from './message-correlation';
import { parallelJoinAfterExclusive } from './parallel-join-after-exclusive';
import { pseudonymizeBeforeExternal } from './pseudonymize-before-external';
import type { Rule } from './rule';
import { startEventRequired } from './start-event-required';
import { taskInputsComplete } from './task-inputs-complete';
import { taskTypeKnown } from './task-type-known';
import { timerInvalid } from './timer-invalid';
import { userTaskAssignment } from './user-task-assignment';

export const rules: readonly Rule[] = [
  startEventRequired,
  elementReachable,
  gatewayConditions,
  parallelJoinAfterExclusive,
  eventGatewayTargets,
  feelSyntax,
  timerInvalid,
  messageCorrelation,
  taskTypeKnown,
  taskInputsComplete,
  userTaskAssignment,
  aiSovereignty,
  pseudonymizeBeforeExternal,
];

export type { Rule, RuleContext } from './rule';
