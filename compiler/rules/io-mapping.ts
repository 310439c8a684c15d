/**
 * `zeebe:input` / `zeebe:output` targets: each must name a variable (or a dotted path into one)
 * that a later FEEL expression can read, and each target once per list.
 */
import type { GraphNode, VariableMapping } from '../graph';
import type { Rule, RuleContext } from './rule';

/** A FEEL name: a letter or `_`, then letters, digits or `_` (accented letters are letters). */
const SEGMENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * Segments no FEEL expression could read back (keywords and literals), and the ones that would
 * reach into JavaScript objects' prototypes when the interpreter writes a dotted path.
 */
const FORBIDDEN_SEGMENTS = new Set([
  'true', 'false', 'null', 'and', 'or', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies',
  'between', 'instance', 'of', 'function', 'external',
  '__proto__', 'prototype', 'constructor',
]);

type Problem = 'empty' | 'invalid' | 'duplicate';

/** What is wrong with `target`, or undefined when it is a valid variable name or path. */
export function targetProblem(target: string): Exclude<Problem, 'duplicate'> | undefined {
  if (target.trim() === '') return 'empty';
  const valid = target.split('.').every((segment) => SEGMENT.test(segment) && !FORBIDDEN_SEGMENTS.has(segment));
  return valid ? undefined : 'invalid';
}

const LIST_LABEL = {
  inputs: { fr: "d'entrée", en: 'input' },
  outputs: { fr: 'de sortie', en: 'output' },
} as const;

function reportProblem(context: RuleContext, node: GraphNode, list: 'inputs' | 'outputs', mapping: VariableMapping, problem: Problem): void {
  const label = LIST_LABEL[list];
  const element = node.name ?? node.id;
  const texts = {
    empty: {
      message: {
        fr: `Un mapping ${label.fr} de « ${element} » n'a pas de variable cible.`,
        en: `An ${label.en} mapping of "${element}" has no target variable.`,
      },
      hint: {
        fr: 'Donnez une cible au mapping (par exemple : demandeur ou dossier.montant), ou supprimez-le.',
        en: 'Give the mapping a target (for example: applicant or case.amount), or delete it.',
      },
    },
    invalid: {
      message: {
        fr: `La cible « ${mapping.target} » d'un mapping ${label.fr} de « ${element} » n'est pas un nom de variable valide.`,
        en: `Target "${mapping.target}" of an ${label.en} mapping of "${element}" is not a valid variable name.`,
      },
      hint: {
        fr: 'Utilisez un nom qui commence par une lettre ou « _ », suivi de lettres, chiffres ou « _ » (sans espace ni mot réservé FEEL), ou un chemin de tels noms séparés par des points (dossier.montant).',
        en: 'Use a name that starts with a letter or "_", followed by letters, digits or "_" (no spaces, no FEEL keyword), or a path of such names joined by dots (case.amount).',
      },
    },
    duplicate: {
      message: {
        fr: `La cible « ${mapping.target} » apparaît plusieurs fois dans les mappings ${label.fr} de « ${element} » : seule la dernière valeur est gardée.`,
        en: `Target "${mapping.target}" appears more than once in the ${label.en} mappings of "${element}": only the last value is kept.`,
      },
      hint: {
        fr: 'Gardez un seul mapping par variable cible, ou renommez l’une des cibles.',
        en: 'Keep one mapping per target variable, or rename one of the targets.',
      },
    },
  }[problem];
  context.report({
    ruleId: ioMapping.id,
    // Camunda accepts a duplicate target (the last one wins): worth knowing, not blocking.
    severity: problem === 'duplicate' ? 'warning' : 'error',
    elementId: node.id,
    ...texts,
  });
}

export const ioMapping: Rule = {
  id: 'io-mapping',
  check(context) {
    for (const node of Object.values(context.graph.nodes)) {
      for (const list of ['inputs', 'outputs'] as const) {
        const seen = new Set<string>();
        for (const mapping of node[list]) {
          const problem = targetProblem(mapping.target);
          if (problem) reportProblem(context, node, list, mapping, problem);
          else if (seen.has(mapping.target)) reportProblem(context, node, list, mapping, 'duplicate');
          seen.add(mapping.target);
        }
      }
    }
  },
};
