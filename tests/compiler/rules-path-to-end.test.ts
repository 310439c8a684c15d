/** path-to-end: elements from which no path reaches an end are reported, as warnings. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile } from '../../compiler';

const catalog = compilerCatalog();
const rulesFixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/bpmn/rules', name), 'utf8');

async function stuck(name: string) {
  const { graph, diagnostics } = await compile(rulesFixture(name), { catalog });
  const found = diagnostics.filter((d) => d.ruleId === 'path-to-end');
  // Only warnings: the diagram still compiles and deploys.
  expect(graph).toBeDefined();
  expect(found.every((d) => d.severity === 'warning')).toBe(true);
  return { ids: found.map((d) => d.elementId), found, diagnostics };
}

describe('rule path-to-end', () => {
  it('reports a loop without exit, and what only leads into it, but not a loop an interrupting boundary event leaves', async () => {
    const { ids, found } = await stuck('path-to-end-loop.bpmn');
    // "wait" loops on itself too, but its interrupting timer leads to an end; its
    // non-interrupting reminder leaves the token in the loop, and its own path loops.
    expect(ids).toEqual(['fix', 'check', 'reminder', 'remind-loop']);
    expect(found[0]!.message.fr).toBe("Aucun chemin ne mène de « Corriger » à un événement de fin : une instance qui y arrive ne se terminera jamais.");
    expect(found[0]!.message.en).toBe('No path leads from "Corriger" to an end event: an instance that gets there never ends.');
    expect(found[0]!.hint.en).toMatch(/interrupting boundary event/);
  });

  it('lets an interrupting boundary event on a subprocess rescue its inner loop, and reports an inner branch that never ends', async () => {
    expect((await stuck('path-to-end-subprocess.bpmn')).ids).toEqual(['unguarded-loop']);
  });

  it('lets an interrupting event subprocess end a loop anywhere in its scope', async () => {
    expect((await stuck('path-to-end-event-subprocess.bpmn')).ids).toEqual([]);
  });

  it('does not count a non-interrupting event subprocess as a way out', async () => {
    expect((await stuck('path-to-end-non-interrupting.bpmn')).ids).toEqual(['start', 'retry', 'notify-start', 'notify-loop']);
  });

  it('says nothing about diagrams whose every path ends, loops with an exit included', async () => {
    const fixtures = path.join(__dirname, '../fixtures/bpmn');
    for (const name of ['parallel-loop.bpmn', 'boundary-timer-user-task.bpmn', 'event-gateway.bpmn', 'terminate-end.bpmn']) {
      const { diagnostics } = await compile(readFileSync(path.join(fixtures, name), 'utf8'), { catalog });
      expect(diagnostics.filter((d) => d.ruleId === 'path-to-end')).toEqual([]);
    }
  });
});
