/** Determinism: the same diagram gives the same graph bytes and the same hash; another diagram, another hash. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { compilerCatalog } from '../../activities/catalog';
import { canonicalJson, compile, graphHash } from '../../compiler';
import { sha256Hex } from '../../compiler/graph-hash';

const catalog = compilerCatalog();
const example = (name: string) => readFileSync(path.join(__dirname, '../../examples', name), 'utf8');
const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/bpmn', name), 'utf8');

/** The diagram as another tool would write it back: moddle's own serialisation, reindented. */
async function reserialised(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  // compiler/moddle.d.ts declares only what the compiler uses, and it never writes XML.
  const writer = moddle as unknown as { toXML(element: unknown, options: { format: boolean }): Promise<{ xml: string }> };
  const { xml: written } = await writer.toXML(rootElement, { format: false });
  return written;
}

describe('graph determinism and hash', () => {
  it('computes SHA-256 exactly as node:crypto does, for any text', () => {
    const texts = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é'.repeat(1000), 'emoji 🙂 and \u0000 and \uffff', 'x'.repeat(100_003)];
    for (const text of texts) expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('hashes the canonical JSON: keys sorted at every level, array order kept, undefined members left out', () => {
    const graph = { b: [3, { z: 1, a: 'é' }], a: { d: undefined, c: null } };
    expect(canonicalJson(graph)).toBe('{"a":{"c":null},"b":[3,{"a":"é","z":1}]}');
    expect(graphHash(graph)).toBe(createHash('sha256').update('{"a":{"c":null},"b":[3,{"a":"é","z":1}]}').digest('hex'));
    expect(graphHash({ a: { c: null }, b: [3, { a: 'é', z: 1 }] })).toBe(graphHash(graph));
    expect(graphHash({ a: { c: null }, b: [{ a: 'é', z: 1 }, 3] })).not.toBe(graphHash(graph));
  });

  it('gives the same graph bytes and hash for the same XML, compiled twice', async () => {
    for (const name of ['triage-signalement.bpmn', 'aide-financiere-exceptionnelle.bpmn']) {
      const first = await compile(example(name), { catalog });
      const second = await compile(example(name), { catalog });
      expect(first.graph).toBeDefined();
      expect(JSON.stringify(second.graph)).toBe(JSON.stringify(first.graph));
      expect(second.graphHash).toBe(first.graphHash);
      expect(first.graphHash).toBe(graphHash(first.graph));
    }
  });

  it('gives the same hash for the diagram written back by another tool (layout, attribute order, whitespace)', async () => {
    const xml = example('triage-signalement.bpmn');
    const copy = await reserialised(xml);
    expect(copy).not.toBe(xml);
    const original = await compile(xml, { catalog });
    const rewritten = await compile(copy, { catalog });
    expect(rewritten.graph).toEqual(original.graph);
    expect(rewritten.graphHash).toBe(original.graphHash);
  });

  it('gives the same hash to a graph read back from storage with its keys in another order', async () => {
    const { graph, graphHash: hash } = await compile(example('triage-signalement.bpmn'), { catalog });
    const reordered = JSON.parse(canonicalJson(graph)); // keys now sorted, not in document order
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(graph));
    expect(graphHash(reordered)).toBe(hash);
  });

  it('gives different hashes to different diagrams, and to a one-letter change', async () => {
    const sources = [example('triage-signalement.bpmn'), example('aide-financiere-exceptionnelle.bpmn'), fixture('single-user-task.bpmn'), fixture('parallel-loop.bpmn')];
    const xml = sources[0]!;
    sources.push(xml.replace('name="Catégorie ?"', 'name="Catégorie !"'));
    const hashes = await Promise.all(sources.map(async (source) => (await compile(source, { catalog })).graphHash));
    expect(hashes.every((hash) => /^[0-9a-f]{64}$/.test(hash ?? ''))).toBe(true);
    expect(new Set(hashes).size).toBe(sources.length);
  });

  it('gives no hash when there is no graph', async () => {
    const result = await compile(fixture('malformed.bpmn'), { catalog });
    expect(result.graph).toBeUndefined();
    expect(result.graphHash).toBeUndefined();
  });
});
