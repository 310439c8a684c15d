/**
 * `npm run bench:compile`: compiles a generated 1,000-element diagram repeatedly and prints the
 * median time (target: under 100 ms). Last line: one JSON object of the figures.
 */
import { performance } from 'node:perf_hooks';
import { compilerCatalog } from '../../activities/catalog';
import { compile, hasErrors } from '../../compiler';
import { generateDiagram } from './generate-diagram';
import { median } from './stats';

const RUNS = 30;
const WARMUP = 5;

async function main(): Promise<void> {
  const { xml, counts } = generateDiagram(1000);
  const catalog = compilerCatalog();
  const first = await compile(xml, { catalog });
  if (!first.graph || hasErrors(first.diagnostics)) throw new Error(`the generated diagram does not compile: ${JSON.stringify(first.diagnostics.slice(0, 3))}`);
  for (let i = 0; i < WARMUP; i += 1) await compile(xml, { catalog });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await compile(xml, { catalog });
    times.push(performance.now() - started);
  }
  const figures = {
    compile_1000_ms: Number(median(times).toFixed(1)),
    p90_ms: Number([...times].sort((a, b) => a - b)[Math.floor(RUNS * 0.9)]!.toFixed(1)),
    elements: counts.elements,
    xml_kib: Math.round(Buffer.byteLength(xml) / 1024),
    runs: RUNS,
  };
  console.log(`Compiled a ${figures.elements}-element diagram (${figures.xml_kib} KiB) ${RUNS} times after ${WARMUP} warm-up runs.`);
  console.log(`  median ${figures.compile_1000_ms} ms, p90 ${figures.p90_ms} ms (target: median under 100 ms)`);
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
