import { parseExpression } from 'feelin';
import { graphExpressions } from '../expressions';
import type { Rule } from './rule';

/** Position of the first syntax error in a FEEL expression, or undefined when it parses. */
export function feelSyntaxError(expression: string): number | undefined {
  if (expression.trim() === '') return 0;
  let errorAt: number | undefined;
  parseExpression(expression, {}, undefined).iterate({
    enter(node) {
      if (node.type.isError && errorAt === undefined) errorAt = node.from;
    },
  });
  return errorAt;
}

export const feelSyntax: Rule = {
  id: 'feel-syntax',
  check({ graph, report }) {
    for (const { elementId, field, feel } of graphExpressions(graph)) {
      const position = feelSyntaxError(feel);
      if (position === undefined) continue;
      report({
        ruleId: this.id,
        elementId,
        message: {
          fr: `L'expression FEEL « ${feel} » (${field}) est invalide au caractère ${position + 1}.`,
          en: `FEEL expression "${feel}" (${field}) is invalid at character ${position + 1}.`,
        },
        hint: {
          fr: 'Corrigez la syntaxe FEEL, par exemple : categorie = "voirie" ou montant > 1000.',
          en: 'Fix the FEEL syntax, for example: category = "roads" or amount > 1000.',
        },
      });
    }
  },
};
