/**
 * A process owner's life with versions, in Debian's Chromium on the real API, Temporal and
 * FerretDB: a scenario diagram is imported, deployed, changed and deployed again with a message;
 * the history lists both versions and the diff view highlights and lists the change. Two owners
 * editing the same draft: the second save conflicts, both versions are kept and the owner
 * chooses. The form-js editor edits a user task's embedded form, which reaches the compiled
 * graph; the properties panel's FEEL editor takes over a field when `=` is typed; token
 * simulation toggles; the app switches to English and back. axe-core checks each page.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { countBecomes, expectAccessible, screenshot, shows, signIn, useBrowser } from './browser';

// A shipped scenario (examples/): a written complaint, with AI steps and three user tasks.
const SCENARIO_FILE = path.join(__dirname, '../../examples/reclamation-ecrite.bpmn');
const SCENARIO_KEY = 'reclamation-ecrite';
/** The smaller triage diagram, for the form editor and the simulation. */
const TRIAGE_FILE = path.join(__dirname, '../../examples/triage-signalement.bpmn');
const VALID_MESSAGE = 'Aucune erreur : le diagramme peut être déployé.';

jest.setTimeout(240_000);

describe('web app: versions, drafts, forms, simulation and languages', () => {
  let platform: TestPlatform;
  const { newPage } = useBrowser();

  beforeAll(async () => {
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  async function signedIn(username: string, address: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${platform.baseUrl}${address}`);
    await signIn(page, username);
    return page;
  }

  const element = (page: Page, id: string) => page.locator(`.djs-element[data-element-id="${id}"]`);
  const panel = (page: Page) => page.locator('.bio-properties-panel');

  /** Selects the element with a click (retried: a click during a re-render may be lost). */
  async function select(page: Page, id: string): Promise<void> {
    await eventually(async () => {
      if ((await page.locator(`.djs-shape.selected[data-element-id="${id}"]`).count()) > 0) return true;
      await element(page, id).click();
      await page.waitForTimeout(200);
      return undefined;
    }, `${id} to be selected`);
  }

  /** Opens a group of the properties panel (retried, as above). */
  async function openPanelGroup(page: Page, title: string): Promise<void> {
    const header = panel(page).locator('.bio-properties-panel-group-header').filter({ hasText: title });
    await eventually(async () => {
      if ((await header.getAttribute('class'))!.split(' ').includes('open')) return true;
      await header.click();
      return undefined;
    }, `the panel group ${title} to open`);
  }

  async function rename(page: Page, id: string, name: string): Promise<void> {
    await select(page, id);
    await openPanelGroup(page, 'Général');
    await panel(page).getByLabel('Nom', { exact: true }).fill(name);
    await shows(element(page, id).getByText(name.split(' ')[0]!));
  }

  async function deploy(page: Page, message: string, version: number, key = SCENARIO_KEY): Promise<void> {
    await shows(page.getByText(VALID_MESSAGE));
    await page.getByLabel('Ce qui change et pourquoi').fill(message);
    await page.getByRole('button', { name: 'Déployer' }).click();
    await shows(page.getByText(`Processus « ${key} » déployé en version ${version}.`));
  }

  const draftSaved = (page: Page) => shows(page.getByText(/Brouillon enregistré à .* \(révision \d+\)\./));

  it('imports a scenario, deploys version 2 with a message, and shows the change in the history and the diff', async () => {
    const page = await signedIn('owner', '/modeler');
    await page.waitForURL(/\/modeler$/);
    await page.getByLabel('Ouvrir un fichier .bpmn').setInputFiles(SCENARIO_FILE);
    await shows(element(page, 'instruire-reclamation'));
    await deploy(page, 'Mise en service des réclamations écrites', 1);

    // Version 2: a task renamed, another given to the users' relations team, from the properties panel.
    await rename(page, 'instruire-reclamation', 'Instruire la réclamation écrite');
    await select(page, 'revue-juridique');
    await openPanelGroup(page, 'Affectation');
    await panel(page).getByLabel('Groupes candidats', { exact: true }).fill('relation-usagers');
    await draftSaved(page);
    await page.waitForURL(new RegExp(`/modeler\\?processus=${SCENARIO_KEY}$`));
    await deploy(page, 'Libellé plus précis ; revue juridique par la relation usagers', 2);
    await screenshot(page, 'versions-01-version-2-deployee');

    // The library: latest version, state, owner.
    await page.getByRole('link', { name: 'Processus', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: SCENARIO_KEY });
    await shows(row);
    expect(await row.textContent()).toMatch(/Déployé.*2.*owner/);
    await screenshot(page, 'versions-02-bibliotheque');
    await expectAccessible(page, 'bibliotheque');

    // The history: both versions with their message, author and date.
    await row.getByRole('link', { name: /Historique/ }).click();
    await page.waitForURL(new RegExp(`/processus\\?historique=${SCENARIO_KEY}$`));
    await shows(page.getByRole('heading', { level: 1, name: 'Historique de « Réclamation écrite »' }));
    const v2 = page.getByRole('row').filter({ hasText: 'Libellé plus précis ; revue juridique par la relation usagers' });
    await shows(v2);
    expect(await v2.textContent()).toMatch(/^2.*owner/);
    await shows(page.getByRole('row').filter({ hasText: 'Mise en service des réclamations écrites' }));
    await screenshot(page, 'versions-03-historique');
    await expectAccessible(page, 'historique');

    // The diff: the renamed and regrouped tasks are marked on both diagrams and listed with their properties.
    await v2.getByRole('link', { name: 'Comparer avec la version 1' }).click();
    await page.waitForURL(new RegExp(`/processus\\?comparer=${SCENARIO_KEY}&de=1&a=2$`));
    const changes = page.locator('.diff-changes');
    const renamed = changes.getByRole('row').filter({ hasText: 'instruire-reclamation' });
    await shows(renamed);
    expect(await renamed.textContent()).toContain('name : Instruire la réclamation → Instruire la réclamation écrite');
    expect(await renamed.textContent()).toContain('Modifié');
    const regrouped = changes.getByRole('row').filter({ hasText: 'revue-juridique' });
    expect(await regrouped.textContent()).toContain('candidateGroups : service-juridique → relation-usagers');
    // Nothing else changed: two rows of changes.
    await countBecomes(changes.locator('tbody tr'), 2);
    await countBecomes(page.locator('.djs-element.diff-changed[data-element-id="instruire-reclamation"]'), 2);
    await countBecomes(page.locator('.djs-element.diff-changed[data-element-id="revue-juridique"]'), 2);
    await countBecomes(page.locator('.diff-badge--changed'), 4);
    await countBecomes(page.locator('.djs-element.diff-changed[data-element-id="resumer"]'), 0);
    await renamed.getByRole('button').click();
    await countBecomes(page.locator('.djs-element.diff-focus[data-element-id="instruire-reclamation"]'), 2);
    await screenshot(page, 'versions-04-difference');
    await expectAccessible(page, 'difference');
  });

  it('keeps both versions when two owners save the same draft, and lets the owner choose', async () => {
    const first = await signedIn('owner', `/modeler?processus=${SCENARIO_KEY}`);
    const second = await signedIn('admin', `/modeler?processus=${SCENARIO_KEY}`);
    for (const page of [first, second]) await shows(page.getByText(`Dernière version (2) de « ${SCENARIO_KEY} » ouverte.`));

    // The owner saves first; the admin, still on the revision they opened, saves second.
    await rename(first, 'resumer', 'Résumer (IA) par le premier');
    await draftSaved(first);
    await rename(second, 'approuver-reponse', 'Approuver par le second');
    const conflict = second.getByRole('alert').filter({ hasText: 'Ce brouillon a été modifié par quelqu’un d’autre' });
    await shows(conflict);
    expect(await conflict.textContent()).toMatch(/owner a enregistré la révision \d+/);
    await screenshot(second, 'versions-05-conflit-de-brouillon');
    await expectAccessible(second, 'modeleur-conflit');

    // Both versions are kept: the draft is the owner's, the admin's is a conflict copy.
    const admin = await platform.login('admin');
    const draft = await platform.request('GET', `/api/v1/processes/${SCENARIO_KEY}/draft`, { token: admin });
    expect(draft.body.bpmnXml).toContain('Résumer (IA) par le premier');
    expect(draft.body.bpmnXml).not.toContain('Approuver par le second');
    expect(draft.body.conflicts).toEqual([expect.objectContaining({ savedBy: 'admin', currentRevision: draft.body.revision })]);
    const copy = await platform.request('GET', `/api/v1/processes/${SCENARIO_KEY}/draft/conflicts/${draft.body.conflicts[0].id}`, { token: admin });
    expect(copy.body.bpmnXml).toContain('Approuver par le second');

    // The admin keeps their version: it becomes the next revision; the copy, now redundant, goes.
    await conflict.getByRole('button', { name: 'Garder ma version' }).click();
    await countBecomes(conflict, 0);
    await draftSaved(second);
    const kept = await eventually(async () => {
      const now = await platform.request('GET', `/api/v1/processes/${SCENARIO_KEY}/draft`, { token: admin });
      return now.body.revision === draft.body.revision + 1 ? now.body : undefined;
    }, 'the kept version to be saved');
    expect(kept.bpmnXml).toContain('Approuver par le second');
    expect(kept.conflicts).toEqual([]);

    // The owner's next save now conflicts in turn; they take the admin's version, theirs stays as a copy.
    await rename(first, 'instruire-reclamation', 'Instruire vite');
    const ownConflict = first.getByRole('alert').filter({ hasText: 'admin a enregistré' });
    await shows(ownConflict);
    await ownConflict.getByRole('button', { name: 'Prendre leur version' }).click();
    await shows(first.getByText('Leur version est ouverte ; la vôtre reste disponible en copie de conflit.'));
    await shows(element(first, 'approuver-reponse').getByText('second'));
    const after = await platform.request('GET', `/api/v1/processes/${SCENARIO_KEY}/draft`, { token: admin });
    expect(after.body.conflicts).toEqual([expect.objectContaining({ savedBy: 'owner' })]);
    // The copy is listed in the modeler, and downloads as a file to open again.
    const copies = first.locator('.conflict-copies');
    await shows(copies.getByText('1 copie de conflit'));
    await shows(copies.getByText(/^Version de owner, /));
    const downloaded = first.waitForEvent('download');
    await copies.getByRole('button', { name: 'Télécharger' }).click();
    expect(readFileSync((await (await downloaded).path())!, 'utf8')).toContain('Instruire vite');
    await screenshot(first, 'versions-06-copie-de-conflit');
    await expectAccessible(first, 'modeleur-copies-de-conflit');
  });

  it('edits a user task form with the form-js editor, and the deployed graph carries it; FEEL fields and token simulation work', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rouage-form-')), 'formulaire.bpmn');
    writeFileSync(file, readFileSync(TRIAGE_FILE, 'utf8').replaceAll('triage-signalement', 'triage-formulaire'));
    const page = await signedIn('owner', '/modeler');
    await page.waitForURL(/\/modeler$/);
    await page.getByLabel('Ouvrir un fichier .bpmn').setInputFiles(file);
    await shows(element(page, 'traiter-a'));

    // FEEL: typing `=` in an optional FEEL field turns it into the FEEL editor, which checks the expression.
    await select(page, 'traiter-b');
    await openPanelGroup(page, 'Affectation');
    const groups = panel(page).getByLabel('Groupes candidats', { exact: true });
    await groups.fill('=');
    const feel = panel(page).locator('.bio-properties-panel-feel-entry.feel-active').filter({ hasText: 'Groupes candidats' });
    await shows(feel.locator('.cm-editor'));
    await page.keyboard.type('"group-b" +');
    // Highlighted as FEEL (a string token, an operator), and checked: the dangling `+` is an error.
    expect(await feel.locator('.cm-content').getAttribute('data-language')).toBe('FEEL expression');
    await shows(feel.locator('.cm-line span').filter({ hasText: '"group-b"' }));
    const lintError = feel.locator('.cm-lintRange-error, .cm-lintPoint-error');
    await countBecomes(lintError, 1); // a zero-width mark where the expression breaks
    await screenshot(page, 'versions-07-feel');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await countBecomes(lintError, 0);
    await shows(page.getByText(VALID_MESSAGE));

    // The form editor opens only on a user task.
    const editForm = page.getByRole('button', { name: 'Modifier le formulaire' });
    await select(page, 'classer');
    expect(await editForm.isDisabled()).toBe(true);
    await select(page, 'traiter-a');
    await editForm.click();
    const dialog = page.getByRole('dialog', { name: 'Formulaire de la tâche « Traiter (voirie, éclairage) »' });
    await shows(dialog);
    await shows(dialog.locator('.fjs-editor-container'));

    // A text field dragged from the palette, labelled and keyed in the form's properties.
    const source = dialog.locator('.fjs-palette-field[data-field-type="textfield"]');
    const target = dialog.locator('.fjs-drop-container-vertical').first();
    await dragFormField(page, source, target);
    await shows(dialog.locator('.fjs-form-field-textfield'));
    await dialog.locator('.bio-properties-panel-group-header').filter({ hasText: 'General' }).click();
    await dialog.getByLabel('Field label', { exact: true }).fill('Commentaire de l’agent');
    await dialog.getByLabel('Key', { exact: true }).fill('commentaire');
    await screenshot(page, 'versions-08-editeur-de-formulaire');
    await dialog.getByRole('button', { name: 'Appliquer au diagramme' }).click();
    await countBecomes(dialog, 0);
    await shows(page.getByText('Formulaire de « Traiter (voirie, éclairage) » appliqué au diagramme.'));

    // Token simulation: the diagram is walked, then editing comes back.
    const simulate = page.getByRole('button', { name: 'Simuler' });
    await simulate.click();
    const stop = page.getByRole('button', { name: 'Arrêter la simulation' });
    expect(await stop.getAttribute('aria-pressed')).toBe('true');
    await shows(page.locator('.modeler-canvas .simulation'));
    expect(await page.locator('.djs-palette').isVisible()).toBe(false);
    await page.locator('.djs-overlays[data-container-id="signalement-recu"] .bts-context-pad[title="Trigger Event"]').click();
    await shows(page.locator('.bts-notification').filter({ hasText: 'Finished' }));
    await screenshot(page, 'versions-09-simulation');
    await stop.click();
    expect(await simulate.getAttribute('aria-pressed')).toBe('false');
    await countBecomes(page.locator('.modeler-canvas .simulation'), 0);
    await shows(page.locator('.djs-palette'));

    await deploy(page, 'Formulaire de traitement', 1, 'triage-formulaire');
    const owner = await platform.login('owner');
    const deployed = await platform.request('GET', '/api/v1/processes/triage-formulaire/versions/1', { token: owner });
    expect(deployed.body.bpmnXml).toContain('formKey="camunda-forms:bpmn:UserTaskForm_traiter-a"');
    expect(deployed.body.graph.nodes['traiter-a'].form.schema.components).toEqual([
      expect.objectContaining({ type: 'textfield', label: 'Commentaire de l’agent', key: 'commentaire' }),
    ]);
  });

  it('switches to English and back, and keeps the choice', async () => {
    // The library has a process to list, whichever tests ran before.
    const deployed = await platform.request('POST', '/api/v1/processes', { token: await platform.login('owner'), body: readFileSync(SCENARIO_FILE, 'utf8'), contentType: 'application/xml' });
    expect([200, 201]).toContain(deployed.status);
    const page = await signedIn('owner', '/modeler');
    await shows(page.getByRole('heading', { level: 1, name: 'Modeleur de processus' }));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Process modeler' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shows(page.getByRole('button', { name: 'Deploy' }));
    await shows(page.getByText('No error: the diagram can be deployed.'));
    // bpmn-js speaks English too, and a new diagram is named in English.
    await shows(page.getByRole('button', { name: 'Create start event' }));
    await shows(element(page, 'Debut_label').getByText('Start', { exact: true }));
    await screenshot(page, 'versions-10-modeler-in-english');
    await expectAccessible(page, 'modeler-english');

    await page.getByRole('link', { name: 'Processes', exact: true }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Processes' }));
    await shows(page.getByRole('columnheader', { name: 'Latest version' }));
    await page.reload();
    await shows(page.getByRole('heading', { level: 1, name: 'Processes' }));
    await screenshot(page, 'versions-11-library-in-english');

    await page.getByRole('button', { name: 'Passer en français' }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Processus' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  });
});

/** Drags a form-js palette entry onto the form (dragula follows the mouse: moved in steps). */
async function dragFormField(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, to.y + 50, { steps: 5 });
  await page.mouse.up();
}
