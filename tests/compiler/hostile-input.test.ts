/** Hostile or broken input only ever yields diagnostics: no crash, no entity expansion. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile, MAX_BPMN_LENGTH } from '../../compiler';

const catalog = compilerCatalog();
const valid = readFileSync(path.join(__dirname, '../../examples/triage-signalement.bpmn'), 'utf8');
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';

const ruleIds = async (xml: string) => (await compile(xml, { catalog })).diagnostics.map((d) => d.ruleId);

describe('compiler against hostile input', () => {
  it('refuses external entities (XXE) without reading them', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<bpmn:definitions ${NS} id="d"><bpmn:process id="p" name="&xxe;" isExecutable="true"><bpmn:startEvent id="s" /></bpmn:process></bpmn:definitions>`;
    const { graph, diagnostics } = await compile(xxe, { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'xml-doctype', line: 2, severity: 'error' })]);
    expect(JSON.stringify(diagnostics)).not.toContain('root:');
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

  it('survives deep nesting and huge attribute values', async () => {
    const deep = `<bpmn:definitions ${NS} id="d">${'<bpmn:extensionElements>'.repeat(20_000)}${'</bpmn:extensionElements>'.repeat(20_000)}</bpmn:definitions>`;
    expect((await ruleIds(deep)).length).toBeGreaterThan(0);
    const longName = valid.replace('name="Catégorie ?"', `name="${'é'.repeat(1_000_000)}"`);
    const { graph } = await compile(longName, { catalog });
    expect(graph?.nodes.orienter?.name).toHaveLength(1_000_000);
  });

  it('turns thousands of random byte mutations of a valid file into graphs or diagnostics, never a crash', async () => {
    // A fixed-seed generator: a failure names a mutation that can be replayed.
    let seed = 20261126;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const bytes = Buffer.from(valid, 'utf8');
    let withDiagnostics = 0;
    for (let i = 0; i < 2000; i += 1) {
      const mutated = Buffer.from(bytes);
      const changes = 1 + Math.floor(random() * 8);
      for (let c = 0; c < changes; c += 1) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      const result = await compile(mutated.toString('latin1'), { catalog });
      expect(result.graph !== undefined || result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      if (result.diagnostics.length > 0) withDiagnostics += 1;
    }
    // Most mutations break something the compiler must report.
    expect(withDiagnostics).toBeGreaterThan(1000);
  }, 120_000);
});
