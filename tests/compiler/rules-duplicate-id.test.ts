/** duplicate-id: two elements with one id are an error naming the id and both lines. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile } from '../../compiler';
import { LENIENT_READ_LIMIT } from '../../compiler/bpmn-xml';

const catalog = compilerCatalog();
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';

describe('rule duplicate-id', () => {
  it('refuses two elements with the same id, naming it and the lines of both', async () => {
    const xml = readFileSync(path.join(__dirname, '../fixtures/bpmn/rules/duplicate-id.bpmn'), 'utf8');
    const { graph, diagnostics } = await compile(xml, { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        ruleId: 'duplicate-id',
        severity: 'error',
        elementId: 'review',
        line: 13,
        column: expect.any(Number),
        message: {
          fr: "L'identifiant « review » est porté par plusieurs éléments (lignes 6, 13) ; seul le premier serait gardé.",
          en: 'Id "review" is used by more than one element (lines 6, 13); only the first would be kept.',
        },
        hint: expect.objectContaining({ en: 'Give each element an id of its own (properties panel, "ID" field).' }),
      },
    ]);
  });

  it('reports an id once however many elements share it, across element kinds and attribute layouts', async () => {
    const xml = [
      `<bpmn:definitions ${NS} id="d">`,
      '<bpmn:process id="p" isExecutable="true">',
      '<bpmn:startEvent id="same" />',
      '<bpmn:endEvent id="same" />',
      "<bpmn:task\n  id='same' />",
      '<bpmn:sequenceFlow id="f" sourceRef="same" targetRef="other" />',
      '<bpmn:endEvent id="other" />',
      '<bpmn:endEvent id="other" />',
      '</bpmn:process>',
      '</bpmn:definitions>',
    ].join('\n');
    const { graph, diagnostics } = await compile(xml, { catalog });
    expect(graph).toBeUndefined();
    const duplicates = diagnostics.filter((d) => d.ruleId === 'duplicate-id');
    expect(duplicates.map((d) => [d.elementId, d.message.en])).toEqual([
      ['same', 'Id "same" is used by more than one element (lines 3, 4, 6); only the first would be kept.'],
      ['other', 'Id "other" is used by more than one element (lines 8, 9); only the first would be kept.'],
    ]);
  });

  it('names the duplicate in a file too large to be read leniently', async () => {
    const xml = readFileSync(path.join(__dirname, '../fixtures/bpmn/rules/duplicate-id.bpmn'), 'utf8');
    // Padding before the duplicate: a long documentation text, on one line so lines stay put.
    const large = xml.replace('<bpmn:startEvent id="start" />', `<bpmn:startEvent id="start"><bpmn:documentation>${'x'.repeat(LENIENT_READ_LIMIT)}</bpmn:documentation></bpmn:startEvent>`);
    const { diagnostics } = await compile(large, { catalog });
    expect(diagnostics.map((d) => [d.ruleId, d.elementId, d.message.en])).toEqual([
      ['duplicate-id', 'review', 'Id "review" is used by more than one element (lines 6, 13); only the first would be kept.'],
    ]);
  });
});
