/** FEEL evaluation inside the workflow (feelin is pure, so it is replay-safe). */
import { evaluate } from 'feelin';
import type { ValueSource, VariableMapping } from '../../compiler/graph';
import { IncidentError } from './incident';

export type Variables = Record<string, unknown>;

export function evaluateFeel(expression: string, variables: Variables, elementId: string): unknown {
  try {
    return evaluate(expression, variables).value;
  } catch (error) {
    throw new IncidentError(elementId, `FEEL expression "${expression}" failed: ${(error as Error).message}`);
  }
}

export function resolveValue(source: ValueSource, variables: Variables, elementId: string): unknown {
  return 'feel' in source ? evaluateFeel(source.feel, variables, elementId) : source.value;
}

/** A value that names people or groups: a FEEL list, a FEEL string, or "a, b, c". */
export function resolveIdList(source: ValueSource | undefined, variables: Variables, elementId: string): string[] {
  if (!source) return [];
  const value = resolveValue(source, variables, elementId);
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value == null ? [] : [value];
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

/** Path segments that would reach an object's prototype instead of a variable (the compiler refuses them too). */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** Applies `zeebe:input`/`zeebe:output` mappings; `target` may be a dotted path. */
export function applyMappings(mappings: readonly VariableMapping[], context: Variables, elementId: string): Variables {
  const result: Variables = {};
  for (const mapping of mappings) {
    const value = resolveValue(mapping.source, context, elementId);
    const path = mapping.target.split('.');
    if (path.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) throw new IncidentError(elementId, `the mapping target "${mapping.target}" is not a variable name`);
    let holder = result;
    for (const key of path.slice(0, -1)) {
      const next = holder[key];
      holder = (holder[key] = typeof next === 'object' && next !== null ? next : {}) as Variables;
    }
    holder[path[path.length - 1]!] = value ?? null;
  }
  return result;
}
