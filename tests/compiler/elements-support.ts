/** What the element tests share: their fixtures (tests/fixtures/bpmn/elements) compiled with the real catalog. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile, type Diagnostic, type ProcessGraph } from '../../compiler';

export const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/bpmn/elements', name), 'utf8');
export const catalog = compilerCatalog();

/** The errors of the given rules, as "ruleId elementId" (other rules are other tests' business). */
export function errorsOf(diagnostics: Diagnostic[], ruleIds: string[]): string[] {
  return diagnostics.filter((d) => d.severity === 'error' && ruleIds.includes(d.ruleId)).map((d) => `${d.ruleId} ${d.elementId}`);
}

/** A fixture that must compile without errors: its graph, and the warnings it still gets. */
export async function compiled(name: string): Promise<{ graph: ProcessGraph; diagnostics: Diagnostic[] }> {
  const { graph, diagnostics } = await compile(fixture(name), { catalog });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { graph: graph!, diagnostics };
}

export async function graphOf(name: string): Promise<ProcessGraph> {
  return (await compiled(name)).graph;
}
