/** What the browser tests share: Debian's Chromium, pages, waits, screenshots and the axe-core check. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { source as axeSource } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureWebApp } from '../../scripts/web-app';
import { DEMO_PASSWORD, eventually } from '../support/platform';

export const ARTIFACTS = path.join(__dirname, '../../test-artifacts/ui');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface BrowserSession {
  /** A page in a context of its own (one person), French, wide; `who` labels its page errors. */
  newPage(who?: string): Promise<Page>;
}

/**
 * Registers the hooks every browser test file needs (call it in the `describe`): the web app
 * built, Chromium launched once, each test's contexts closed after it, and a test failed when
 * one of its pages threw an uncaught exception.
 */
export function useBrowser(options: { viewportHeight?: number } = {}): BrowserSession {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let pageErrors: string[] = [];
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureWebApp((line) => console.log(line));
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    const errors = pageErrors;
    pageErrors = [];
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(who) {
      const context = await browser!.newContext({ viewport: { width: 1440, height: options.viewportHeight ?? 1000 }, locale: 'fr-FR', acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (error) => pageErrors.push(`${who ?? page.url()}: ${error.message}`));
      return page;
    },
  };
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
