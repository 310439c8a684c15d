/**
 * Every check the compiler runs on the graph, in the order their diagnostics are listed.
 * Two run before them, from `compile()`: `duplicate-id`, on the XML (the graph, keyed by id,
 * cannot show duplicates), and `feel-size`, which keeps expressions too large to parse from the
 * rules that parse them.
 */
import { aiSovereignty } from './ai-sovereignty';
import { elementReachable } from './element-reachable';
import { eventGatewayTargets } from './event-gateway-targets';
import { feelSyntax } from './feel-syntax';
import { gatewayConditions } from './gateway-conditions';
import { ioMapping } from './io-mapping';
import { messageCorrelation } from './message-correlation';
import { parallelJoinAfterExclusive } from './parallel-join-after-exclusive';
import { pathToEnd } from './path-to-end';
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
  pathToEnd,
  gatewayConditions,
  parallelJoinAfterExclusive,
  eventGatewayTargets,
  feelSyntax,
  ioMapping,
  timerInvalid,
  messageCorrelation,
  taskTypeKnown,
  taskInputsComplete,
  userTaskAssignment,
  aiSovereignty,
  pseudonymizeBeforeExternal,
];

export type { Rule, RuleContext } from './rule';
