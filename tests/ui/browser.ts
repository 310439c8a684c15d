/** What the browser tests share: Debian's Chromium, waits, screenshots and the axe-core check. */
import path from 'node:path';
import { source as axeSource } from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, eventually } from '../support/platform';

export const ARTIFACTS = path.join(__dirname, '../../test-artifacts/ui');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Waits until the (first) element is visible. */
export async function shows(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

export async function countBecomes(locator: Locator, expected: number): Promise<void> {
  await eventually(async () => ((await locator.count()) === expected ? true : undefined), `${locator} to count ${expected}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, username: string): Promise<void> {
  await shows(page.getByRole('heading', { level: 1, name: 'Connexion' }));
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** No serious or critical axe-core violation; the bpmn-js canvas (an SVG editor) is out of scope. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(() => (globalThis as unknown as { axe: typeof import('axe-core') }).axe.run({ exclude: [['.djs-container']] }));
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(blocking).toEqual([]);
}
