/**
 * Two elements with the same id (no bpmnlint rule: in bpmn-js, moddle's import warns about it).
 * moddle keeps the first element and drops the next with a "duplicate ID" warning; the graph, keyed by id, could not hold both anyway. This check reads
 * those warnings and the XML, not the graph, so `compile()` runs it while reading.
 */
import type { XmlProblem } from '../bpmn-xml';
import type { Report } from '../diagnostics';

const DUPLICATE_WARNING = /duplicate ID <([^>]*)>/;

/** The id a moddle warning says is duplicated, if it says that. */
export function duplicatedId(warning: XmlProblem): string | undefined {
  return DUPLICATE_WARNING.exec(warning.message)?.[1];
}

/** The lines (from 1) of every `id="…"` attribute of the XML, by id: one pass, whatever the number of duplicates. */
function idLines(xml: string): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  const attribute = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let line = 1;
  let counted = 0;
  for (let match = attribute.exec(xml); match; match = attribute.exec(xml)) {
    const position = match.index + 1; // after the white space, which may be a line break
    for (let i = xml.indexOf('\n', counted); i !== -1 && i < position; i = xml.indexOf('\n', i + 1)) line += 1;
    counted = position;
    const id = match[1] ?? match[2] ?? '';
    lines.set(id, [...(lines.get(id) ?? []), line]);
  }
  return lines;
}

/** Reports each duplicated id once, naming the lines that declare it. */
export function reportDuplicateIds(duplicates: ReadonlyMap<string, XmlProblem>, xml: string, report: Report): void {
  if (duplicates.size === 0) return;
  const lines = idLines(xml);
  for (const [id, warning] of duplicates) {
    // An id written with XML escapes is not found verbatim: moddle's line is then all we have.
    const places = lines.get(id) ?? (warning.line === undefined ? [] : [warning.line]);
    const where = places.length > 0 ? { fr: ` (lignes ${places.join(', ')})`, en: ` (lines ${places.join(', ')})` } : { fr: '', en: '' };
    report({
      ruleId: 'duplicate-id',
      elementId: id,
      line: warning.line,
      column: warning.column,
      message: {
        fr: `L'identifiant « ${id} » est porté par plusieurs éléments${where.fr} ; seul le premier serait gardé.`,
        en: `Id "${id}" is used by more than one element${where.en}; only the first would be kept.`,
      },
      hint: {
        fr: "Donnez un identifiant unique à chaque élément (panneau des propriétés, champ « ID »).",
        en: 'Give each element an id of its own (properties panel, "ID" field).',
      },
    });
  }
}
