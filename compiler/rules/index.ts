/** Every check the compiler runs, in the order their diagnostics are listed. */
import { elementReachable } from './element-reachable';
import { feelSyntax } from './feel-syntax';
import { gatewayConditions } from './gateway-conditions';
import type { Rule } from './rule';
import { startEventRequired } from './start-event-required';
import { taskInputsComplete } from './task-inputs-complete';
import { taskTypeKnown } from './task-type-known';
import { userTaskAssignment } from './user-task-assignment';

export const rules: readonly Rule[] = [
  startEventRequired,
  elementReachable,
  gatewayConditions,
  feelSyntax,
  taskTypeKnown,
  taskInputsComplete,
  userTaskAssignment,
];

export type { Rule, RuleContext } from './rule';
