import { parseIsoCycle, parseIsoDateTime, parseIsoDuration } from '../elements/iso8601';
import { nodeEvent } from '../expressions';
import type { GraphNode, TimerDefinition } from '../graph';
import type { Rule } from './rule';

const EXAMPLES = {
  duration: { fr: 'une durée ISO 8601, par exemple PT15M (15 minutes) ou P10D (10 jours)', en: 'an ISO 8601 duration, for example PT15M (15 minutes) or P10D (10 days)' },
  date: { fr: 'une date ISO 8601 avec son fuseau, par exemple 2026-03-01T09:00:00+01:00', en: 'an ISO 8601 date-time with its offset, for example 2026-03-01T09:00:00+01:00' },
  cycle: { fr: 'un cycle R<n>/<durée>, par exemple R3/PT1H (trois fois, toutes les heures)', en: 'a cycle R<n>/<duration>, for example R3/PT1H (three times, every hour)' },
} as const;

function literalIsValid(timer: TimerDefinition & { value: { value: string } }): boolean {
  const text = timer.value.value;
  if (timer.type === 'duration') return parseIsoDuration(text) !== undefined;
  if (timer.type === 'date') return parseIsoDateTime(text) !== undefined;
  return parseIsoCycle(text) !== undefined;
}

/**
 * Where a timer may repeat (as in Camunda): on a boundary event, a start event of the process
 * (a new instance each time) and a non-interrupting event subprocess start (a run each time).
 */
function mayRepeat(node: GraphNode): boolean {
  if (node.kind === 'boundaryEvent') return true;
  return node.kind === 'startEvent' && (node.scopeId === undefined || node.interrupting === false);
}

/**
 * Timer literals must be ISO 8601 of the kind their field says; FEEL values are checked when
 * they are computed. Cycles repeat, so only some events may have one.
 */
export const timerInvalid: Rule = {
  id: 'timer-invalid',
  check({ graph, report }) {
    for (const node of Object.values(graph.nodes)) {
      const { timer } = nodeEvent(node);
      if (!timer) continue;
      const label = node.name ?? node.id;
      if (timer.type === 'cycle' && !mayRepeat(node)) {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: {
            fr: `Le minuteur « ${label} » a un cycle : seuls un événement de bordure, un événement de début du processus ou de sous-processus événementiel non interruptif peuvent se répéter.`,
            en: `Timer "${label}" has a cycle: only a boundary event, a process start event or a non-interrupting event subprocess start can repeat.`,
          },
          hint: { fr: `Donnez plutôt ${EXAMPLES.duration.fr}.`, en: `Give ${EXAMPLES.duration.en} instead.` },
        });
        continue;
      }
      if (!('value' in timer.value) || literalIsValid({ ...timer, value: timer.value })) continue;
      if (timer.value.value.trim() === '') {
        report({
          ruleId: this.id,
          elementId: node.id,
          message: { fr: `Le minuteur « ${label} » n'indique ni durée, ni date, ni cycle.`, en: `Timer "${label}" gives no duration, date or cycle.` },
          hint: { fr: `Indiquez ${EXAMPLES.duration.fr}, ou ${EXAMPLES.date.fr}.`, en: `Give ${EXAMPLES.duration.en}, or ${EXAMPLES.date.en}.` },
        });
        continue;
      }
      report({
        ruleId: this.id,
        elementId: node.id,
        message: {
          fr: `La valeur « ${timer.value.value} » du minuteur « ${label} » n'est pas ${EXAMPLES[timer.type].fr.split(',')[0]}.`,
          en: `Value "${timer.value.value}" of timer "${label}" is not ${EXAMPLES[timer.type].en.split(',')[0]}.`,
        },
        hint: {
          fr: `Indiquez ${EXAMPLES[timer.type].fr}, ou une expression FEEL commençant par « = ».`,
          en: `Give ${EXAMPLES[timer.type].en}, or a FEEL expression starting with "=".`,
        },
      });
    }
  },
};
