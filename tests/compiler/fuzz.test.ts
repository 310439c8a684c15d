/**
 * Random byte mutations of valid diagrams: the compiler must answer every one with a graph or
 * with errors (never both, never neither), never throw, and never have a rule crash on it.
 * The generator has a fixed seed, so a failure names a mutation that replays exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile, hasErrors, type CompileResult } from '../../compiler';

const catalog = compilerCatalog();
const SEED = 20261126;
const MUTATIONS = 2000;
/** Larger files cost more per compile (FEEL parsing dominates) without exercising more code. */
const MAX_SOURCE_BYTES = 8 * 1024;

/** mulberry32: a small, well-mixed 32-bit generator. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { next, below: (n: number) => Math.floor(next() * n) };
}

/** Bytes that make or break XML structure: mutations using them go past the parser more often. */
const STRUCTURAL = Buffer.from('<>/="\'&!?-: \n');

function mutate(source: Buffer, random: ReturnType<typeof generator>): Buffer {
  let bytes = Buffer.from(source);
  // Few changes each: a file broken in one place gets past the parser into translation and rules.
  const changes = 1 + random.below(3);
  for (let c = 0; c < changes; c += 1) {
    const at = random.below(bytes.length);
    const span = 1 + random.below(64);
    switch (random.below(5)) {
      case 0: // replace a byte with any byte
        bytes[at] = random.below(256);
        break;
      case 1: // replace a byte with a markup character
        bytes[at] = STRUCTURAL[random.below(STRUCTURAL.length)]!;
        break;
      case 2: // delete a span
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + span)]);
        break;
      case 3: // duplicate a span (repeated elements, ids, attributes)
        bytes = Buffer.concat([bytes.subarray(0, at + span), bytes.subarray(at, at + span), bytes.subarray(at + span)]);
        break;
      default: // move a span elsewhere (reordered or misnested tags)
        {
          const piece = bytes.subarray(at, at + span);
          const rest = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + span)]);
          const to = random.below(rest.length + 1);
          bytes = Buffer.concat([rest.subarray(0, to), piece, rest.subarray(to)]);
        }
        break;
    }
  }
  return bytes;
}

/** What must hold of every answer; returns the broken property, or undefined. */
function brokenProperty(result: CompileResult): string | undefined {
  if (result.graph && hasErrors(result.diagnostics)) return 'a graph and an error';
  if (!result.graph && !hasErrors(result.diagnostics)) return 'neither a graph nor an error';
  if ((result.graphHash !== undefined) !== (result.graph !== undefined)) return 'a graph hash without its graph, or the reverse';
  for (const d of result.diagnostics) {
    if (!d.ruleId || ![d.message.fr, d.message.en, d.hint.fr, d.hint.en].every((text) => typeof text === 'string' && text.length > 0)) return `an incomplete diagnostic ${JSON.stringify(d)}`;
    if (/^Check \S+ failed/.test(d.message.en)) return `a crashed rule: ${d.message.en}`;
  }
  return undefined;
}

/** The fixtures and examples small enough to mutate by thousands (those that compile are kept). */
function validSources(): { name: string; bytes: Buffer }[] {
  const folders = [path.join(__dirname, '../fixtures/bpmn'), path.join(__dirname, '../fixtures/bpmn/rules'), path.join(__dirname, '../../examples')];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.bpmn'))
      .map((file) => ({ name: path.relative(path.join(__dirname, '..'), path.join(folder, file)), bytes: readFileSync(path.join(folder, file)) }))
      .filter(({ bytes }) => bytes.length <= MAX_SOURCE_BYTES),
  );
}

describe('compiler fuzzing', () => {
  it(`answers ${MUTATIONS} random mutations of the valid fixtures with a graph or errors, never a crash`, async () => {
    const sources: { name: string; bytes: Buffer }[] = [];
    for (const source of validSources()) {
      if ((await compile(source.bytes.toString('utf8'), { catalog })).graph) sources.push(source);
    }
    expect(sources.length).toBeGreaterThanOrEqual(10);

    const random = generator(SEED);
    const outcomes = { graph: 0, errors: 0 };
    const failures: string[] = [];
    for (let i = 0; i < MUTATIONS && failures.length < 5; i += 1) {
      const source = sources[i % sources.length]!;
      const mutated = mutate(source.bytes, random);
      // Mostly UTF-8 (broken sequences become U+FFFD), sometimes Latin-1 (every byte a character).
      const xml = random.below(4) === 0 ? mutated.toString('latin1') : mutated.toString('utf8');
      const where = `mutation ${i} of ${source.name} (seed ${SEED})`;
      let result: CompileResult;
      try {
        result = await compile(xml, { catalog });
      } catch (error) {
        failures.push(`${where}: threw ${String(error)}`);
        continue;
      }
      const broken = brokenProperty(result);
      if (broken) failures.push(`${where}: ${broken}`);
      if (result.graph) outcomes.graph += 1;
      else outcomes.errors += 1;
      // Determinism holds on broken input too: the same text, the same answer.
      if (i % 100 === 0) expect(JSON.stringify(await compile(xml, { catalog }))).toBe(JSON.stringify(result));
    }
    expect(failures).toEqual([]);
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(outcomes.errors).toBeGreaterThan(MUTATIONS / 4);
    expect(outcomes.graph).toBeGreaterThan(MUTATIONS / 100);
  }, 60_000);
});
