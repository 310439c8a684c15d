/** `rouage compile` through the real CLI: the graph or the diagnostics, exit code 0 / 1 (2 for usage). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { compilerCatalog } from '../../activities/catalog';
import { compile } from '../../compiler';

const root = path.join(__dirname, '../..');
const fixture = (name: string) => path.join(root, 'tests/fixtures/bpmn', name);

async function rouage(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(root, 'bin/rouage.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('rouage compile', () => {
  it('prints the graph alone on stdout and exits 0 for a diagram that compiles', async () => {
    const { code, stdout, stderr } = await rouage('compile', fixture('single-user-task.bpmn'));
    expect(code).toBe(0);
    const expected = await compile(readFileSync(fixture('single-user-task.bpmn'), 'utf8'), { catalog: compilerCatalog() });
    expect(JSON.parse(stdout)).toEqual(expected.graph);
    expect(stderr).toContain(`graph hash ${expected.graphHash}`);
  });

  it('prints each diagnostic with its rule, element and fix, nothing on stdout, and exits 1 on errors', async () => {
    const { code, stdout, stderr } = await rouage('compile', fixture('invalid-feel-condition.bpmn'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^ERROR \[feel-syntax\] \(element large-amount\): FEEL expression "amount > \(1000" \(condition\) is invalid at character 15\.\n {4}fix: /);
  });

  it('prints one JSON object with --json, graph hash included', async () => {
    const { code, stdout } = await rouage('compile', fixture('parallel-loop.bpmn'), '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.graph.processKey).toBe('parallel-loop');
    expect(answer.graphHash).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.diagnostics).toEqual(expect.any(Array));
  });

  it('exits 2 with the usage when the file cannot be read', async () => {
    const { code, stderr } = await rouage('compile', fixture('no-such-file.bpmn'));
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot read');
    expect(stderr).toContain('Usage:');
  });
});
