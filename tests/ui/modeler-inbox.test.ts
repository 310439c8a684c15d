/**
 * The web app in a real browser (Debian's Chromium driven by playwright-core), on the real API,
 * Temporal and FerretDB: a process owner models and deploys the triage diagram and starts a
 * report, an agent of group A finds it in the inbox with the AI's proposal and completes it.
 * Screenshots of each step land in test-artifacts/ui; axe-core checks the main pages.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { countBecomes, expectAccessible, screenshot, shows, signIn, useBrowser } from './browser';

const TRIAGE_FILE = path.join(__dirname, '../../examples/triage-signalement.bpmn');
const VALID_MESSAGE = 'Aucune erreur : le diagramme peut être déployé.';
const TASK_NAME = 'Traiter (voirie, éclairage)';

jest.setTimeout(180_000);

describe('web app: modeler and task inbox', () => {
  let platform: TestPlatform;
  const { newPage } = useBrowser();

  beforeAll(async () => {
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  async function openDiagramFile(page: Page, file: string) {
    await page.getByLabel('Ouvrir un fichier .bpmn').setInputFiles(file);
  }

  it('lets an owner deploy and start the triage process, and an agent of group A complete its task', async () => {
    const page = await newPage();

    // Unauthenticated: the modeler sends to the sign-in page, which brings back to the modeler.
    await page.goto(`${platform.baseUrl}/modeler`);
    await page.waitForURL(/\/connexion\?retour=%2Fmodeler$/);
    await shows(page.getByLabel('Identifiant'));
    await screenshot(page, '01-connexion');
    await expectAccessible(page, 'connexion');

    // A wrong password shows the problem, in French.
    await page.getByLabel('Identifiant').fill('owner');
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await shows(page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect' }));

    await signIn(page, 'owner');
    await page.waitForURL(/\/modeler$/);
    await shows(page.getByRole('heading', { level: 1, name: 'Modeleur de processus' }));
    await shows(page.getByText('Connecté : Responsable de processus'));

    await openDiagramFile(page, TRIAGE_FILE);
    await shows(page.locator('.djs-element[data-element-id="traiter-a"]'));
    await shows(page.getByText(VALID_MESSAGE));
    expect(await page.locator('.diagnostic .fr-badge--error').count()).toBe(0);
    expect(await page.locator('.diagnostic-marker').count()).toBe(0);
    await shows(page.locator('.bio-properties-panel'));
    await screenshot(page, '02-modeleur-diagramme-valide');
    await expectAccessible(page, 'modeleur');

    await page.getByLabel('Ce qui change et pourquoi').fill('Mise en service du triage');
    await page.getByRole('button', { name: 'Déployer' }).click();
    await shows(page.getByText('Processus « triage-signalement » déployé en version 1.'));

    // The start form checks the JSON before sending it.
    const variables = page.getByLabel('Variables (JSON)');
    await variables.fill('{"description": ');
    await page.getByRole('button', { name: 'Démarrer l’instance' }).click();
    await shows(page.getByText('Ce n’est pas du JSON valide'));
    await variables.fill('{"description": "Le lampadaire de la rue est éteint"}');
    await page.getByLabel('Clé métier (facultatif)').fill('SIG-UI-1');
    await page.getByRole('button', { name: 'Démarrer l’instance' }).click();
    const instanceId = (await page.getByTestId('instance-id').textContent())!.trim();
    expect(instanceId).toMatch(/^triage-signalement-/);
    // The AI step runs, then the gateway routes to group A's task.
    await shows(page.locator('.instance-status').getByText('traiter-a'));
    await shows(page.locator('.instance-status').getByText('En cours'));
    await screenshot(page, '03-modeleur-deploye-instance');

    // The deployed process is listed, and opens back in the modeler.
    await page.getByRole('link', { name: 'Processus' }).click();
    await page.waitForURL(/\/processus$/);
    const processRow = page.getByRole('row').filter({ hasText: 'triage-signalement' });
    await shows(processRow);
    expect(await processRow.textContent()).toContain('owner');
    await screenshot(page, '04-processus');
    await expectAccessible(page, 'processus');
    await processRow.getByRole('link', { name: /Ouvrir dans le modeleur/ }).click();
    await page.waitForURL(/\/modeler\?processus=triage-signalement$/);
    await shows(page.getByText('Dernière version (1) de « triage-signalement » ouverte.'));
    await shows(page.locator('.djs-element[data-element-id="classer"]'));
    await shows(page.getByText(VALID_MESSAGE));

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion$/);

    await signIn(page, 'agent-a');
    await page.waitForURL(/\/taches$/);
    await shows(page.getByRole('heading', { level: 1, name: 'Mes tâches' }));
    // Agents see the inbox only.
    await countBecomes(page.getByRole('link', { name: 'Modeleur' }), 0);
    const taskButton = page.getByRole('button', { name: TASK_NAME });
    await shows(taskButton);
    await shows(page.getByRole('row').filter({ hasText: 'SIG-UI-1' }));
    await taskButton.click();

    const details = page.locator('.task-details');
    await shows(details.getByRole('heading', { name: TASK_NAME }));
    await shows(details.getByText('Le lampadaire de la rue est éteint'));
    await shows(details.getByText(/Proposé par IA \(local · [^)]+\), confiance \d+ %/));
    await shows(details.getByText('eclairage', { exact: true }));
    // This process pseudonymises nothing: the agent may look, and is told so.
    await details.getByRole('button', { name: 'Afficher les données personnelles' }).click();
    await shows(details.getByText('Aucune donnée pseudonymisée dans ce dossier.'));
    await screenshot(page, '05-boite-de-taches-detail');
    await expectAccessible(page, 'taches');

    await details.getByRole('button', { name: 'Prendre en charge' }).click();
    await shows(page.getByText('Vous avez pris la tâche en charge.'));
    await shows(page.getByRole('row').filter({ hasText: 'SIG-UI-1' }).getByText('agent-a'));
    await shows(details.getByRole('button', { name: 'Libérer' }));

    await details.getByLabel('Nom de la variable 1').fill('resolution');
    await details.getByLabel('Valeur de la variable 1').fill('ampoule changée');
    await details.getByRole('button', { name: 'Ajouter une variable' }).click();
    await details.getByLabel('Nom de la variable 2').fill('intervention');
    await details.getByLabel('Valeur de la variable 2').fill('{"equipe": "nuit", "duree": 2}');
    await screenshot(page, '06-boite-de-taches-prise-en-charge');
    await details.getByRole('button', { name: 'Terminer' }).click();

    await shows(page.getByText(`Tâche « ${TASK_NAME} » terminée.`));
    await countBecomes(page.getByRole('button', { name: TASK_NAME }), 0);
    await screenshot(page, '07-boite-de-taches-terminee');

    const owner = await platform.login('owner');
    const finished = await eventually(async () => {
      const response = await platform.request('GET', `/api/v1/instances/${encodeURIComponent(instanceId)}`, { token: owner });
      return response.body.status === 'completed' ? response.body : undefined;
    }, 'the instance to complete');
    expect(finished.variables).toMatchObject({
      description: 'Le lampadaire de la rue est éteint',
      resolution: 'ampoule changée',
      intervention: { equipe: 'nuit', duree: 2 },
      triage: { category: 'eclairage', provenance: { provider: 'local' } },
    });
  });

  it('shows a broken condition on its element, blocks the deploy, and clears once the diagram is fixed', async () => {
    const brokenFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'rouage-ui-')), 'triage-casse.bpmn');
    const valid = readFileSync(TRIAGE_FILE, 'utf8');
    const broken = valid.replace('=triage.category = "voirie" or triage.category = "eclairage"', '=triage.category = = "voirie" or (');
    expect(broken).not.toBe(valid);
    writeFileSync(brokenFile, broken);

    const page = await newPage();
    await page.goto(`${platform.baseUrl}/modeler`);
    await signIn(page, 'owner');
    await page.waitForURL(/\/modeler$/);
    // The modeler opens on a new diagram: one start event.
    await shows(page.locator('.djs-element[data-element-id="Debut"]'));
    await screenshot(page, '08-modeleur-nouveau-diagramme');

    await openDiagramFile(page, brokenFile);
    const diagnostic = page.locator('button.diagnostic').filter({ hasText: 'Élément vers-equipe-a' });
    await shows(diagnostic);
    await shows(diagnostic.locator('.fr-badge--error'));
    expect(await diagnostic.textContent()).toContain('FEEL');
    await shows(page.getByText('1 erreur, 0 avertissement'));
    const deployButton = page.getByRole('button', { name: 'Déployer' });
    expect(await deployButton.isDisabled()).toBe(true);
    await shows(page.getByText('Corrigez les erreurs du diagramme pour pouvoir le déployer.'));
    await countBecomes(page.locator('.diagnostic-marker--error'), 1);

    // The diagnostic leads to its element (from the keyboard too): selected in the diagram and in the properties panel.
    await diagnostic.focus();
    await page.keyboard.press('Enter');
    await shows(page.locator('.djs-element.selected[data-element-id="vers-equipe-a"]'));
    await screenshot(page, '09-modeleur-diagnostic-erreur');

    // "Enregistrer le fichier" downloads the diagram under its process id.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Enregistrer le fichier' }).click();
    expect((await download).suggestedFilename()).toBe('triage-signalement.bpmn');

    await openDiagramFile(page, TRIAGE_FILE);
    await shows(page.getByText(VALID_MESSAGE));
    await countBecomes(page.locator('button.diagnostic'), 0);
    await countBecomes(page.locator('.diagnostic-marker'), 0);
    // Valid, but a version needs its message.
    await shows(page.getByText('Décrivez ce qui change et pourquoi pour pouvoir déployer.'));
    expect(await deployButton.isDisabled()).toBe(true);
    await page.getByLabel('Ce qui change et pourquoi').fill('Condition corrigée');
    expect(await deployButton.isEnabled()).toBe(true);
    await screenshot(page, '10-modeleur-diagramme-corrige');
  });

  it('tells the agent when a task was completed elsewhere, and refreshes the list', async () => {
    const owner = await platform.login('owner');
    const agentA = await platform.login('agent-a');
    const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: readFileSync(TRIAGE_FILE, 'utf8'), contentType: 'application/xml' });
    expect([200, 201]).toContain(deployed.status);
    const started = await platform.request('POST', '/api/v1/processes/triage-signalement/instances', {
      token: owner,
      json: { variables: { description: 'Un lampadaire clignote toute la nuit' }, businessKey: 'SIG-UI-2' },
    });
    const task = await eventually(async () => {
      const open = await platform.request('GET', '/api/v1/tasks?state=open', { token: agentA });
      return (open.body.items as { id: string; instanceId: string }[]).find((t) => t.instanceId === started.body.instanceId);
    }, 'the task in agent-a inbox');

    const page = await newPage();
    await page.goto(`${platform.baseUrl}/taches`);
    await signIn(page, 'agent-a');
    await page.waitForURL(/\/taches$/);
    const row = page.getByRole('row').filter({ hasText: 'SIG-UI-2' });
    await row.getByRole('button').click();
    const details = page.locator('.task-details');
    await shows(details.getByRole('button', { name: 'Prendre en charge' }));

    // The task is completed from elsewhere while its page is open.
    const elsewhere = await platform.request('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, { token: agentA, json: { variables: {} } });
    expect(elsewhere.status).toBe(200);
    await details.getByRole('button', { name: 'Prendre en charge' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'La situation a changé entre-temps' });
    await shows(alert);
    expect(await alert.textContent()).toContain('is completed by agent-a');
    await shows(page.getByText('La liste a été actualisée.'));
    await countBecomes(page.getByRole('row').filter({ hasText: 'SIG-UI-2' }), 0);
    await screenshot(page, '11-boite-de-taches-conflit');
  });
});
