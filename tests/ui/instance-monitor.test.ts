/**
 * The instance page in Debian's Chromium, on the real API, Temporal and FerretDB: an instance of
 * the incidents fixture stops at its gateway (no true condition); the process owner sees the
 * incident on the diagram and in the list, resolves it from the page with corrected variables
 * (the form refuses invalid JSON first), and watches the instance go through the external
 * `test.flaky` job to its end. Screenshots in test-artifacts/ui; axe-core checks the page.
 */
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { startInterpreterPlatform, type InterpreterPlatform } from '../interpreter/support';
import { ARTIFACTS, countBecomes, expectAccessible, screenshot, shows, signIn, useBrowser } from './browser';

jest.setTimeout(240_000);

/** Whether the element has the keyboard focus (`:focus`, evaluated in the page). */
const hasFocus = (locator: Locator) => locator.evaluate((element) => (element as unknown as { matches(selector: string): boolean }).matches(':focus'));

describe('web app: instance monitoring', () => {
  let interpreter: InterpreterPlatform;
  const { newPage } = useBrowser();

  beforeAll(async () => {
    interpreter = await startInterpreterPlatform();
  });

  afterAll(async () => {
    await interpreter?.stop();
  });

  it('shows an incident on the diagram, resolves it with new variables and follows the instance to its end', async () => {
    await interpreter.deploy('interpreter/incidents.bpmn');
    const instanceId = await interpreter.start('incidents', {});
    const incident = await interpreter.incidentAt(instanceId, 'route');

    const page = await newPage();
    // The address a link gives when it knows the version (the instance answer does not say it).
    await page.goto(`${interpreter.platform.baseUrl}/instances/${encodeURIComponent(instanceId)}`);
    await signIn(page, 'owner');
    await page.waitForURL(new RegExp(`/instances/${instanceId}$`));
    await shows(page.getByRole('heading', { level: 1, name: 'Suivi de l’instance — Incidents' }));
    const status = page.getByTestId('instance-status');
    await shows(status.getByText('En cours'));
    await shows(status.getByText('1 incident'));

    // The diagram (laid out by the page: the fixture has no BPMNDI): the gateway in red with the
    // reason, the start event passed once.
    const diagram = page.getByTestId('instance-diagram');
    await shows(diagram.locator('g.djs-element.monitor-incident[data-element-id="route"]'));
    await shows(diagram.locator('.monitor-note--incident').filter({ hasText: `Incident : ${incident.reason}` }));
    await shows(diagram.locator('g.djs-element.monitor-passed[data-element-id="start"]'));
    expect(await diagram.locator('.monitor-count').allTextContents()).toEqual(['×1']);
    await shows(page.getByText('Le fichier déployé ne contient pas de disposition graphique'));

    // The same outside the canvas: where the instance is, the incident, the path so far.
    await shows(page.getByTestId('active-elements').getByText(/route.*depuis/));
    const incidentItem = page.getByTestId('incident');
    await shows(incidentItem.getByRole('heading', { name: 'Incident à l’étape « route »' }));
    await shows(incidentItem.getByText(incident.reason, { exact: true }));
    await shows(page.getByRole('table').getByText('en cours'));
    await screenshot(page, 'instance-monitor-01-incident');
    await diagram.screenshot({ path: path.join(ARTIFACTS, 'instance-monitor-01-diagram.png') });
    await expectAccessible(page, 'instance incident');

    // Keyboard only: the button opens the form and puts the focus in it; Escape closes it and
    // gives the focus back to the button.
    const resolveButton = incidentItem.getByRole('button', { name: /^Résoudre/ });
    await resolveButton.focus();
    await page.keyboard.press('Enter');
    const variables = page.getByLabel('Variables à modifier (JSON)');
    await shows(variables);
    expect(await hasFocus(variables)).toBe(true);
    await page.keyboard.press('Escape');
    await shows(resolveButton);
    expect(await hasFocus(resolveButton)).toBe(true);
    await page.keyboard.press('Enter');

    // Invalid JSON is refused in the browser; nothing reaches the server.
    await variables.fill('{"path": flaky}');
    await page.getByRole('button', { name: 'Rejouer l’étape' }).click();
    await shows(page.getByText(/Ce n’est pas du JSON valide/));
    await screenshot(page, 'instance-monitor-02-invalid-json');
    expect((await interpreter.instance(instanceId)).incidents).toHaveLength(1);

    await variables.fill('{"path": "flaky", "fixed": true}');
    await page.getByRole('button', { name: 'Rejouer l’étape' }).click();
    await shows(page.getByText('Incident de « route » résolu : l’étape est rejouée.'));

    // The external worker serves test.flaky (it succeeds now that `fixed` is true): the instance ends.
    await shows(status.getByText('Terminée'));
    const pathTable = page.getByRole('table');
    await shows(pathTable.getByText('Appel fragile'));
    await shows(pathTable.locator('code', { hasText: /^end$/ }));
    expect(await pathTable.locator('tbody tr').count()).toBe(4);
    await shows(page.getByText('Aucun incident ouvert.'));
    await shows(diagram.locator('g.djs-element.monitor-passed[data-element-id="flaky"]'));
    await shows(diagram.locator('g.djs-element.monitor-passed[data-element-id="end"]'));
    expect(await diagram.locator('.monitor-incident, .monitor-active').count()).toBe(0);
    // A straight flow has no height: Playwright counts it hidden, so count it.
    await countBecomes(diagram.locator('g.djs-connection.monitor-taken[data-element-id="to-flaky"]'), 1);
    expect(await diagram.locator('g.djs-connection.monitor-taken[data-element-id="to-unserved"]').count()).toBe(0);
    expect(interpreter.log.calls.filter((call) => call.instanceId === instanceId).map((call) => call.type)).toEqual(['test.flaky']);
    const ended = await interpreter.instance(instanceId);
    expect(ended.variables).toMatchObject({ path: 'flaky', fixed: true, flakyDone: true });
    await shows(page.getByText('flakyDone'));
    await screenshot(page, 'instance-monitor-03-completed');
    await expectAccessible(page, 'instance completed');
  });

  it('shows the server’s explanation when the incident was resolved by someone else meanwhile', async () => {
    const instanceId = await interpreter.start('incidents', {});
    const incident = await interpreter.incidentAt(instanceId, 'route');

    const page = await newPage();
    await page.goto(`${interpreter.platform.baseUrl}/instances/${encodeURIComponent(instanceId)}`);
    await signIn(page, 'supervisor');
    await page.getByTestId('incident').getByRole('button', { name: /^Résoudre/ }).click();
    await page.getByLabel('Variables à modifier (JSON)').fill('{"path": "flaky"}');

    const resolved = await interpreter.resolveIncident(instanceId, incident.incidentId, { path: 'flaky', fixed: true });
    expect(resolved.status).toBe(200);
    await page.getByRole('button', { name: 'Rejouer l’étape' }).click();
    // The problem's detail, as the API words it (the instance may have ended by then, or not yet).
    const problem = page.getByRole('alert').filter({ hasText: 'L’incident n’a pas été résolu' });
    await shows(problem);
    expect(await problem.textContent()).toMatch(/is not open in instance|is over|ended meanwhile/);
    // The page read the instance again at once: the incident is gone, the explanation stays.
    await shows(page.getByText('Aucun incident ouvert.'));
    await shows(problem);
    await screenshot(page, 'instance-monitor-04-conflict');
  });

  it('shows an agent the incident without offering to resolve it', async () => {
    const instanceId = await interpreter.start('incidents', {});
    const incident = await interpreter.incidentAt(instanceId, 'route');

    const page = await newPage();
    await page.goto(`${interpreter.platform.baseUrl}/instances/${encodeURIComponent(instanceId)}`);
    await signIn(page, 'agent-a');
    await shows(page.getByTestId('incident').getByText(incident.reason, { exact: true }));
    await shows(page.getByText('Seuls les responsables de processus, superviseurs et administrateurs peuvent résoudre un incident.'));
    expect(await page.getByRole('button', { name: /^Résoudre/ }).count()).toBe(0);
    await interpreter.resolveIncident(instanceId, incident.incidentId, { path: 'flaky', fixed: true });
    await shows(page.getByTestId('instance-status').getByText('Terminée'));
  });
});
