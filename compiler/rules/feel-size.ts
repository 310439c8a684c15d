/**
 * FEEL expressions too large to check. Parsing FEEL takes time that grows with the square of an
 * expression's length (names may contain spaces, so the parser looks far ahead): 10,000
 * characters of `a and a and …` take about a second, 100,000 take minutes. The compiler runs
 * in the API and in the browser, and the interpreter parses the same expressions in the
 * workflow, so the size of what it accepts is bounded before anything parses it: `compile()`
 * runs this check first and stops when it fails.
 */
import { graphExpressions, type LocatedExpression } from '../expressions';
import type { Rule } from './rule';

/** Characters in one expression; real conditions and mappings are far shorter. */
export const MAX_FEEL_LENGTH = 4_000;

/**
 * The sum of the squared lengths of all the expressions of a diagram, the parsing work they
 * cost: four expressions at the maximum length, or thousands of ordinary ones (a generated
 * 1,000-element diagram uses 0.1 % of it).
 */
export const MAX_FEEL_WORK = 4 * MAX_FEEL_LENGTH ** 2;

export const feelSize: Rule = {
  id: 'feel-size',
  check({ graph, report }) {
    const expressions = graphExpressions(graph);
    const tooLong = expressions.filter(({ feel }) => feel.length > MAX_FEEL_LENGTH);
    for (const { elementId, field, feel } of tooLong) {
      report({
        ruleId: this.id,
        elementId,
        message: {
          fr: `L'expression FEEL (${field}) fait ${feel.length} caractères, au-delà de la limite de ${MAX_FEEL_LENGTH}.`,
          en: `The FEEL expression (${field}) has ${feel.length} characters, over the limit of ${MAX_FEEL_LENGTH}.`,
        },
        hint: {
          fr: 'Découpez-la en plusieurs expressions (mappings d’entrée successifs, ou plusieurs tâches de script).',
          en: 'Split it into several expressions (successive input mappings, or several script tasks).',
        },
      });
    }
    if (tooLong.length > 0) return;
    const work = expressions.reduce((sum, { feel }) => sum + feel.length ** 2, 0);
    if (work <= MAX_FEEL_WORK) return;
    const longest = expressions.reduce<LocatedExpression | undefined>((best, e) => (best && best.feel.length >= e.feel.length ? best : e), undefined);
    report({
      ruleId: this.id,
      elementId: longest?.elementId,
      message: {
        fr: 'Les expressions FEEL du diagramme sont, ensemble, trop volumineuses pour être vérifiées.',
        en: "The diagram's FEEL expressions are, together, too large to be checked.",
      },
      hint: {
        fr: `Raccourcissez les plus longues, à commencer par celle de cet élément (${longest?.feel.length ?? 0} caractères).`,
        en: `Shorten the longest ones, starting with this element's (${longest?.feel.length ?? 0} characters).`,
      },
    });
  },
};
