/** Hostile or broken input only ever yields diagnostics: no crash, no entity expansion, no hang. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile, MAX_BPMN_LENGTH, MAX_DIAGNOSTICS, MAX_XML_DEPTH } from '../../compiler';
import { LENIENT_READ_LIMIT } from '../../compiler/bpmn-xml';
import { MAX_FEEL_LENGTH } from '../../compiler/rules/feel-size';

const catalog = compilerCatalog();
const valid = readFileSync(path.join(__dirname, '../../examples/triage-signalement.bpmn'), 'utf8');
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';

const ruleIds = async (xml: string) => (await compile(xml, { catalog })).diagnostics.map((d) => d.ruleId);

/** A process whose start event sits in `depth` subprocesses nested one per line. */
function nestedSubProcesses(depth: number): string {
  const open = Array.from({ length: depth }, (_, i) => `<bpmn:subProcess id="sp${i}">\n`).join('');
  return `<bpmn:definitions ${NS} id="d">\n<bpmn:process id="p" isExecutable="true">\n${open}<bpmn:startEvent id="s" />\n${'</bpmn:subProcess>\n'.repeat(depth)}</bpmn:process>\n</bpmn:definitions>`;
}

describe('compiler against hostile input', () => {
  it('refuses external entities (XXE) without reading them', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<bpmn:definitions ${NS} id="d"><bpmn:process id="p" name="&xxe;" isExecutable="true"><bpmn:startEvent id="s" /></bpmn:process></bpmn:definitions>`;
    const { graph, diagnostics } = await compile(xxe, { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'xml-doctype', line: 2, severity: 'error' })]);
    expect(JSON.stringify(diagnostics)).not.toContain('root:');
  });

  it('refuses an external DTD, whatever the case of DOCTYPE', async () => {
    const external = `<?xml version="1.0"?>\n<!doctype d SYSTEM "http://127.0.0.1:9/evil.dtd">\n<bpmn:definitions ${NS} id="d" />`;
    expect(await ruleIds(external)).toEqual(['xml-doctype']);
  });

  it('never resolves an undeclared entity reference', async () => {
    const { graph } = await compile(valid.replace('name="Catégorie ?"', 'name="&xxe;"'), { catalog });
    // The parser knows no entities but XML's five: the reference stays the text of the file.
    expect(graph?.nodes.orienter?.name).toBe('&xxe;');
  });

  it('refuses entity expansion bombs ("billion laughs") at once', async () => {
    const entities = ['<!ENTITY a "aaaaaaaaaa">', ...'bcdefghi'.split('').map((e, i) => `<!ENTITY ${e} "${`&${'abcdefghi'[i]};`.repeat(10)}">`)];
    const bomb = `<?xml version="1.0"?><!DOCTYPE d [${entities.join('')}]><bpmn:definitions ${NS} id="d"><bpmn:process id="p" name="&i;" isExecutable="true" /></bpmn:definitions>`;
    const started = Date.now();
    expect(await ruleIds(bomb)).toEqual(['xml-doctype']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses oversize files before parsing them', async () => {
    const huge = valid.replace('</bpmn:definitions>', `<!-- ${'x'.repeat(MAX_BPMN_LENGTH)} --></bpmn:definitions>`);
    expect(await ruleIds(huge)).toEqual(['xml-too-large']);
  });

  it('refuses 10,000 nested subprocesses with a diagnostic at the line where nesting goes too deep', async () => {
    const started = Date.now();
    const { graph, diagnostics } = await compile(nestedSubProcesses(10_000), { catalog });
    expect(graph).toBeUndefined();
    // definitions (line 1) and process (2) are two levels: the subprocess on line 3 + n is level 3 + n.
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'xml-too-deep', severity: 'error', line: MAX_XML_DEPTH + 1 })]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses 10,000 nested extension elements the same way', async () => {
    const deep = `<bpmn:definitions ${NS} id="d">${'<bpmn:extensionElements>'.repeat(10_000)}${'</bpmn:extensionElements>'.repeat(10_000)}</bpmn:definitions>`;
    expect(await ruleIds(deep)).toEqual(['xml-too-deep']);
  });

  it('lets nesting within the limit through, and does not count markup inside comments, CDATA or attribute values', async () => {
    expect(await ruleIds(nestedSubProcesses(MAX_XML_DEPTH - 10))).not.toContain('xml-too-deep');
    const fake = `<!-- ${'<a>'.repeat(1000)} --><bpmn:documentation><![CDATA[${'<b>'.repeat(1000)}]]></bpmn:documentation>`;
    const withMarkupText = valid
      .replace('<bpmn:startEvent id="signalement-recu"', `${fake}<bpmn:startEvent id="signalement-recu"`)
      .replace('name="Catégorie ?"', `name="Catégorie ?" a="${'x>'.repeat(1000)}"`);
    const ids = await ruleIds(withMarkupText);
    expect(ids).not.toContain('xml-too-deep');
    expect(ids).not.toContain('xml-well-formed');
  });

  it('keeps a 4 MB element name whole', async () => {
    const longName = valid.replace('name="Catégorie ?"', `name="${'é'.repeat(2_000_000)}"`);
    expect(Buffer.byteLength(longName)).toBeGreaterThan(4_000_000);
    const { graph, graphHash } = await compile(longName, { catalog });
    expect(graph?.nodes.orienter?.name).toBe('é'.repeat(2_000_000));
    expect(graphHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a 4 MB condition before parsing it, naming the flow', async () => {
    const started = Date.now();
    const huge = valid.replace('=triage.category = "voirie"', `=${'a and '.repeat(700_000)}true or triage.category = "voirie"`);
    const { graph, diagnostics } = await compile(huge, { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'feel-size', elementId: 'vers-equipe-a', severity: 'error' })]);
    expect(diagnostics[0]!.message.en).toContain(`over the limit of ${MAX_FEEL_LENGTH}`);
    // Parsed, this expression would take hours (FEEL parsing is quadratic in length).
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('bounds the total FEEL parsing work of a diagram made of many long expressions', async () => {
    // Words separated by spaces are the parser's slowest input: each could start a long name.
    const slow = 'x '.repeat(Math.floor((MAX_FEEL_LENGTH - 10) / 2));
    const outputs = Array.from({ length: 40 }, (_, i) => `<zeebe:output source="=${slow}" target="out${i}" />`).join('');
    const xml = valid.replace('<zeebe:assignmentDefinition candidateGroups="group-a" />', `$&<zeebe:ioMapping>${outputs}</zeebe:ioMapping>`);
    expect(xml).not.toBe(valid);
    const started = Date.now();
    const { graph, diagnostics } = await compile(xml, { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'feel-size', elementId: 'traiter-a' })]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reads a file full of unclosed diagram elements in linear time', async () => {
    // Looking for each opener's closer anew took seconds per 100 KiB of these.
    const started = Date.now();
    const xml = `<bpmn:definitions ${NS} id="d">${'<a:BPMNDiagram/>'.repeat(300_000)}</bpmn:definitions>`;
    expect(await ruleIds(xml)).toEqual(['xml-well-formed']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops at the first unknown element of a large file, and lists every one of a small file', async () => {
    // Lenient reading locates each problem from the start of the file: quadratic on this one.
    const process = (body: string) => `<bpmn:definitions ${NS} id="d">\n<bpmn:process id="p" isExecutable="true">\n${body}</bpmn:process>\n</bpmn:definitions>`;
    const large = process('<bpmn:foo />\n'.repeat(400_000));
    const started = Date.now();
    const { diagnostics } = await compile(large, { catalog });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'xml-schema', severity: 'error', line: 3 })]);
    expect(diagnostics[0]!.message.en).toContain('unknown type <bpmn:Foo>');
    expect(Date.now() - started).toBeLessThan(5000);

    const small = process('<bpmn:startEvent id="s" />\n<bpmn:foo />\n<bpmn:bar />\n');
    expect(small.length).toBeLessThan(LENIENT_READ_LIMIT);
    const all = (await compile(small, { catalog })).diagnostics.filter((d) => d.ruleId === 'xml-schema');
    expect(all.map((d) => d.line)).toEqual([4, 5]);
  });

  it(`lists at most ${MAX_DIAGNOSTICS} problems, then says how many more there are`, async () => {
    const attributes = Array.from({ length: 20_000 }, (_, i) => `a${i}="x"`).join(' ');
    const { graph, diagnostics } = await compile(valid.replace('name="Catégorie ?"', `name="Catégorie ?" ${attributes}`), { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics[MAX_DIAGNOSTICS]).toMatchObject({ ruleId: 'too-many-diagnostics', severity: 'error' });
    expect(diagnostics[MAX_DIAGNOSTICS]!.message.en).toBe(`${20_000 - MAX_DIAGNOSTICS} more problems are not listed.`);
  });
});
