/**
 * A process owner builds a process from an empty diagram with the palette and the properties
 * panel, in Debian's Chromium on the real API, Temporal and FerretDB: a start event, an AI task
 * picked from the element templates (« Classer un texte ») with its `text` input, a user task
 * with a candidate group, an end event. The live validation's diagnostics come and go as the
 * diagram is fixed; the draft, saved on the server as the owner draws, survives a reload; the
 * diagram exports as .bpmn, SVG and PNG; it deploys with a message (the draft is then done
 * with), a test instance starts and reaches the user task.
 */
import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { countBecomes, expectAccessible, screenshot, shows, signIn, useBrowser } from './browser';

const VALID_MESSAGE = 'Aucune erreur : le diagramme peut être déployé.';

jest.setTimeout(180_000);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('web app: building a process with the palette and element templates', () => {
  let platform: TestPlatform;
  const { newPage } = useBrowser();

  beforeAll(async () => {
    platform = await startTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('creates, checks, saves, exports, deploys and runs a process drawn from the palette', async () => {
    const page = await newPage();
    const panel = page.locator('.bio-properties-panel');
    const diagnostics = page.locator('button.diagnostic');
    const element = (id: string) => page.locator(`.djs-element[data-element-id="${id}"]`);
    const selectedId = async () => (await page.locator('.djs-shape.selected').first().getAttribute('data-element-id'))!;

    await page.goto(`${platform.baseUrl}/modeler`);
    await signIn(page, 'owner');
    await page.waitForURL(/\/modeler$/);
    await shows(element('Debut'));
    const canvasBox = async () => (await page.locator('.modeler-canvas__container').boundingBox())!;

    /** Selects the element with a click, so its context pad opens (retried: a click during a re-render may be lost). */
    const select = async (id: string) => {
      await eventually(async () => {
        if ((await page.locator(`.djs-shape.selected[data-element-id="${id}"]`).count()) > 0 && (await page.locator('.djs-context-pad.open').isVisible())) return true;
        const canvas = await canvasBox();
        await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height - 60);
        await element(id).click();
        await page.waitForTimeout(200);
        return undefined;
      }, `${id} to be selected`);
    };
    /** Drops the shape a palette or menu entry attached to the pointer. */
    const drop = async (x: number, y: number) => {
      const canvas = await canvasBox();
      await page.mouse.move(canvas.x + x - 30, canvas.y + y - 20);
      await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 4 });
      await page.mouse.click(canvas.x + x, canvas.y + y);
    };
    /** Opens a group of the properties panel (a click right after an edit may land during a re-render: retried). */
    const openPanelGroup = async (title: string) => {
      const header = panel.locator('.bio-properties-panel-group-header').filter({ hasText: title });
      await eventually(async () => {
        if ((await header.getAttribute('class'))!.split(' ').includes('open')) return true;
        await header.click();
        return undefined;
      }, `the panel group ${title} to open`);
    };

    // An empty diagram: the new diagram's start event removed. The process now lacks one.
    await select('Debut');
    await page.locator('.djs-context-pad .entry[data-action="delete"]').click();
    await countBecomes(element('Debut'), 0);
    const noStart = diagnostics.filter({ hasText: 'Le processus n\'a pas d\'événement de début.' });
    await shows(noStart);
    await screenshot(page, 'palette-01-diagramme-vide');

    // Start event from the palette: the error goes away.
    await page.getByRole('button', { name: 'Créer un événement de début' }).click();
    await drop(180, 160);
    await countBecomes(noStart, 0);
    const startId = await selectedId();

    // The AI task, from the palette's "create" menu where the element templates are listed.
    await page.getByRole('button', { name: 'Créer un élément' }).click();
    const menu = page.locator('.djs-popup');
    await shows(menu.getByText('Classer un texte'));
    await page.keyboard.type('Classer');
    await menu.locator('.entry').filter({ hasText: 'Classer un texte' }).click();
    await drop(380, 160);
    const aiTaskId = await selectedId();
    // Not connected yet: unreachable.
    const unreachable = diagnostics.filter({ hasText: `Élément ${aiTaskId}` });
    await shows(unreachable.filter({ hasText: 'atteignable' }));
    await screenshot(page, 'palette-02-tache-ia-non-reliee');

    // The template shows the activity's inputs; `text` is required.
    await openPanelGroup('Entrées');
    const textInput = panel.getByLabel('text', { exact: true });
    await shows(textInput);
    await shows(panel.getByText('text must not be empty.'));
    await textInput.fill('=description');
    await countBecomes(panel.getByText('text must not be empty.'), 0);
    await openPanelGroup('Général');
    await panel.getByLabel('Nom', { exact: true }).fill('Classer la demande');
    await shows(element(aiTaskId).getByText('Classer la demande'));

    // Connected from the start event: reachable.
    await select(startId);
    await page.locator('.djs-context-pad .entry[data-action="connect"]').click();
    const aiBox = (await element(aiTaskId).boundingBox())!;
    await page.mouse.move(aiBox.x + 20, aiBox.y + 20);
    await page.mouse.click(aiBox.x + aiBox.width / 2, aiBox.y + aiBox.height / 2);
    await countBecomes(unreachable, 0);
    await shows(page.getByText(VALID_MESSAGE));

    // A user task appended to the AI task: without a candidate group, a warning.
    await select(aiTaskId);
    await page.locator('.djs-context-pad .entry[data-action="append"]').click();
    await page.keyboard.type('utilisateur');
    await menu.locator('.entry').filter({ hasText: 'Tâche utilisateur' }).click();
    const userTaskId = await selectedId();
    const noGroup = diagnostics.filter({ hasText: `Élément ${userTaskId}` });
    await shows(noGroup.filter({ hasText: 'ni responsable ni groupe candidat' }));
    await shows(noGroup.locator('.fr-badge--warning'));
    await shows(page.getByText('0 erreur, 1 avertissement'));
    await countBecomes(page.locator('.diagnostic-marker--warning'), 1);
    await openPanelGroup('Général');
    await panel.getByLabel('Nom', { exact: true }).fill('Traiter la demande');
    await screenshot(page, 'palette-03-tache-utilisateur-avertissement');

    // The candidate group set in the panel: the warning goes away.
    await openPanelGroup('Affectation');
    await panel.getByLabel('Groupes candidats', { exact: true }).fill('group-a');
    await countBecomes(noGroup, 0);
    await countBecomes(page.locator('.diagnostic-marker'), 0);

    // The end event, appended from the context pad.
    await select(userTaskId);
    await page.locator('.djs-context-pad .entry[data-action="append.end-event"]').click();
    await shows(page.getByText(VALID_MESSAGE));
    await screenshot(page, 'palette-04-processus-complet');
    await expectAccessible(page, 'modeleur-palette');

    // Nothing is lost on reload: the draft, saved on the server under the process id (now in the address), comes back.
    await shows(page.getByText(/Brouillon enregistré à .* \(révision \d+\)\./));
    await page.waitForURL(/\/modeler\?processus=Processus_\w+$/);
    await page.reload();
    await shows(page.getByText(/Brouillon du .* repris \(révision \d+, enregistrée par owner\)/));
    await shows(element(userTaskId));
    await shows(element(aiTaskId).getByText('Classer la demande'));
    await shows(page.getByText(VALID_MESSAGE));

    // Saved as .bpmn: the template set the activity type and the input mapping.
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Enregistrer le fichier' }).click();
    const bpmn = readFileSync((await (await saved).path())!, 'utf8');
    const processId = /<bpmn:process id="([^"]+)"/.exec(bpmn)![1]!;
    expect((await saved).suggestedFilename()).toBe(`${processId}.bpmn`);
    expect(bpmn).toContain('zeebe:modelerTemplate="rouage.ai.classify"');
    expect(bpmn).toMatch(/<zeebe:taskDefinition type="ai\.classify"/);
    expect(bpmn).toMatch(/<zeebe:input source="=description" target="text"/);
    expect(bpmn).toMatch(/<zeebe:assignmentDefinition candidateGroups="group-a"/);

    // Exported as SVG and PNG (twice the SVG's size), named after the process.
    const exportAs = async (button: string): Promise<{ download: Download; content: Buffer }> => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const done = await download;
      return { download: done, content: readFileSync((await done.path())!) };
    };
    const svg = await exportAs('Exporter en SVG');
    expect(svg.download.suggestedFilename()).toBe(`${processId}.svg`);
    const svgText = svg.content.toString('utf8');
    expect(svgText).toContain('<svg');
    // Labels wrap into lines (tspans).
    expect(svgText).toContain('>Classer la </tspan>');
    const svgWidth = Number(/<svg[^>]* width="([\d.]+)"/.exec(svgText)![1]);
    const png = await exportAs('Exporter en PNG');
    expect(png.download.suggestedFilename()).toBe(`${processId}.png`);
    expect(pngSize(png.content).width).toBe(Math.ceil(svgWidth * 2));

    // Deployed with its message: the draft is done with; a test instance runs the AI task and waits at the user task.
    await shows(page.getByText('Décrivez ce qui change et pourquoi pour pouvoir déployer.'));
    await page.getByLabel('Ce qui change et pourquoi').fill('Premier circuit de classement des demandes');
    await page.getByRole('button', { name: 'Déployer' }).click();
    await shows(page.getByText(`Processus « ${processId} » déployé en version 1.`));
    const ownerToken = await platform.login('owner');
    await eventually(async () => {
      const draft = await platform.request('GET', `/api/v1/processes/${processId}/draft`, { token: ownerToken });
      return draft.body.bpmnXml === null ? true : undefined;
    }, 'the draft to be discarded');
    const version = await platform.request('GET', `/api/v1/processes/${processId}/versions/1`, { token: ownerToken });
    expect(version.body.message).toBe('Premier circuit de classement des demandes');
    await page.getByLabel('Variables (JSON)').fill('{"description": "Le lampadaire de la rue est éteint"}');
    await page.getByRole('button', { name: 'Démarrer l’instance' }).click();
    const status = page.locator('.instance-status');
    await shows(status.getByText(userTaskId));
    await shows(status.getByText('En cours'));
    await screenshot(page, 'palette-05-deploye-instance-a-la-tache');

    const owner = await platform.login('owner');
    const instanceId = (await page.getByTestId('instance-id').textContent())!.trim();
    const instance = await platform.request('GET', `/api/v1/instances/${encodeURIComponent(instanceId)}`, { token: owner });
    expect(instance.body.variables).toMatchObject({ classify: { category: expect.any(String), provenance: { provider: 'local' } } });
    // The task is in the inbox of group A's agents.
    const tasks = await platform.request('GET', '/api/v1/tasks?state=open', { token: await platform.login('agent-a') });
    const task = (tasks.body.items as { processKey: string; elementId: string; name: string; candidateGroups: string[] }[]).find((t) => t.processKey === processId);
    expect(task).toMatchObject({ elementId: userTaskId, name: 'Traiter la demande', candidateGroups: ['group-a'] });
  });
});
