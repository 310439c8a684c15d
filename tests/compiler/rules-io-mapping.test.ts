/** io-mapping: zeebe:ioMapping targets must be variable names or dotted paths, each once. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile } from '../../compiler';
import { targetProblem } from '../../compiler/rules/io-mapping';

const catalog = compilerCatalog();

describe('rule io-mapping', () => {
  it('names each bad target of a task, with its list, and refuses the diagram', async () => {
    const xml = readFileSync(path.join(__dirname, '../fixtures/bpmn/rules/io-mapping.bpmn'), 'utf8');
    const { graph, diagnostics } = await compile(xml, { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.elementId} ${d.message.en}`)).toEqual([
      'error io-mapping review An input mapping of "Relire" has no target variable.',
      'warning io-mapping review Target "montant" appears more than once in the input mappings of "Relire": only the last value is kept.',
      'error io-mapping review Target "montant total" of an input mapping of "Relire" is not a valid variable name.',
      'error io-mapping review Target "__proto__.polluted" of an output mapping of "Relire" is not a valid variable name.',
      'error io-mapping review Target "2fois" of an output mapping of "Relire" is not a valid variable name.',
      'error io-mapping review Target "null" of an output mapping of "Relire" is not a valid variable name.',
      'warning io-mapping review Target "dossier.décision" appears more than once in the output mappings of "Relire": only the last value is kept.',
      'error io-mapping review Target "dossier..vide" of an output mapping of "Relire" is not a valid variable name.',
    ]);
    expect(diagnostics[2]!.message.fr).toBe("La cible « montant total » d'un mapping d'entrée de « Relire » n'est pas un nom de variable valide.");
    expect(diagnostics[2]!.hint.fr).toMatch(/dossier\.montant/);
  });

  it('accepts names and dotted paths, accented letters included, and refuses what FEEL could not read back', () => {
    for (const target of ['montant', '_interne', 'dossier.montant', 'décision', 'a1.b_2.c3']) expect(targetProblem(target)).toBeUndefined();
    for (const target of ['', '  ']) expect(targetProblem(target)).toBe('empty');
    // Keywords and literals, paths with empty parts, operators, and JavaScript prototype keys,
    // which would let an output write into every object of the interpreter.
    for (const target of ['true', 'a.null', '.a', 'a.', 'a-b', 'a b', '=a', 'a[0]', 'constructor', 'x.prototype', '__proto__']) expect(targetProblem(target)).toBe('invalid');
  });

  it('says nothing about the shipped examples', async () => {
    const examples = path.join(__dirname, '../../examples');
    for (const name of ['triage-signalement.bpmn', 'aide-financiere-exceptionnelle.bpmn', 'reclamation-ecrite.bpmn', 'signalement-voie-publique.bpmn']) {
      const { diagnostics } = await compile(readFileSync(path.join(examples, name), 'utf8'), { catalog });
      expect(diagnostics.filter((d) => d.ruleId === 'io-mapping')).toEqual([]);
    }
  });
});
