import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile, type Diagnostic } from '../../compiler';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/bpmn', name), 'utf8');
const example = (name: string) => readFileSync(path.join(__dirname, '../../examples', name), 'utf8');
const catalog = compilerCatalog();

function summary(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.elementId ?? `line ${d.line}`}`);
}

describe('compile', () => {
  it('compiles the triage example to the graph in the golden file', async () => {
    const { graph, diagnostics } = await compile(example('triage-signalement.bpmn'), { catalog });
    expect(diagnostics).toEqual([]);
    const golden = path.join(__dirname, 'golden/triage-signalement.graph.json');
    // The graph is the stored format of every deployed version: change it on purpose only.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(graph, null, 2)}\n`);
    expect(graph).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  it('reports XML that is not well-formed with its line, and no graph', async () => {
    const { graph, diagnostics } = await compile(fixture('malformed.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'xml-well-formed', severity: 'error', line: 5 });
    expect(diagnostics[0]!.message.fr).toMatch(/XML/);
  });

  it('names an unsupported element and says what to use instead', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-unsupported-element.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    const unsupported = diagnostics.find((d) => d.ruleId === 'unsupported-element');
    expect(unsupported).toMatchObject({ elementId: 'complex-choice', severity: 'error' });
    expect(unsupported!.hint.en).toMatch(/exclusive gateway/);
  });

  it('names the flow whose condition is not valid FEEL', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-feel-condition.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(summary(diagnostics)).toEqual(['error feel-syntax large-amount']);
  });

  it('reports every structural problem at once, each on its element', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-structure.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(summary(diagnostics).sort()).toEqual(
      [
        'error task-type-required no-type',
        // no-type is not in the graph, so what follows it is unreachable from the start
        'error element-reachable classify-without-text',
        'error element-reachable route',
        'error element-reachable end-a',
        'error element-reachable end-b',
        'error element-reachable orphan-task',
        'error gateway-conditions no-condition',
        'error gateway-conditions ignored-condition',
        'error task-inputs-complete classify-without-text',
        'warning user-task-assignment orphan-task',
      ].sort(),
    );
  });

  it('accepts a service task type outside the catalog with a warning, as an external task', async () => {
    const { graph, diagnostics } = await compile(fixture('external-task-type.bpmn'), { catalog });
    expect(summary(diagnostics)).toEqual(['warning task-type-known send-letter']);
    expect(graph?.nodes['send-letter']).toMatchObject({ kind: 'serviceTask', taskType: 'courrier.envoyer', external: true, retries: 5, headers: { template: 'decision' } });
  });

  it('refuses types outside the catalog when the deployment is strict', async () => {
    const { graph, diagnostics } = await compile(fixture('external-task-type.bpmn'), { catalog, strictTaskTypes: true });
    expect(graph).toBeUndefined();
    expect(summary(diagnostics)).toEqual(['error task-type-known send-letter']);
  });

  it('says so when a file holds no process at all', async () => {
    const xml = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="empty"/>';
    const { diagnostics } = await compile(xml, { catalog });
    expect(summary(diagnostics)).toEqual(['error single-executable-process empty']);
  });

  it('gives every diagnostic a French and an English message and hint', async () => {
    const all = await Promise.all(['malformed.bpmn', 'invalid-unsupported-element.bpmn', 'invalid-structure.bpmn', 'invalid-feel-condition.bpmn'].map((f) => compile(fixture(f), { catalog })));
    for (const d of all.flatMap((r) => r.diagnostics)) {
      for (const text of [d.message.fr, d.message.en, d.hint.fr, d.hint.en]) expect(text.length).toBeGreaterThan(10);
    }
  });
});
