/**
 * The inbox in Debian's Chromium, with three people at once on the real API, Temporal and
 * FerretDB: agent-a filters the inbox, claims a task, fills its form-js form (the browser
 * refuses it first, then the server accepts it) and completes it; the next task of the case
 * appears for the supervisor, and agent-a2's inbox (same group) shows the claim and the
 * completion without anyone reloading. axe-core checks the inbox pages; screenshots in
 * test-artifacts/ui.
 */
import type { Page } from 'playwright-core';
import { hashPassword } from '../../api/auth/passwords';
import { UserModel } from '../../platform/storage';
import { DEMO_PASSWORD, eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { countBecomes, expectAccessible, screenshot, shows, signIn, useBrowser } from './browser';

jest.setTimeout(240_000);

const form = {
  type: 'default',
  components: [
    { type: 'radio', key: 'avis', label: 'Avis', values: [{ label: 'Favorable', value: 'favorable' }, { label: 'Défavorable', value: 'defavorable' }], validate: { required: true } },
    { type: 'textfield', key: 'reference', label: 'Référence du dossier', validate: { required: true, pattern: '^DOS-\\d+$' } },
    { type: 'number', key: 'montant', label: 'Montant accordé (€)', validate: { min: 0, max: 5000 } },
  ],
};
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Scenario: an agent of group A instructs the request with a form, then the supervisor validates. */
const instructionXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_aide">
  <bpmn:process id="aide-sociale" name="Demande d'aide" isExecutable="true">
    <bpmn:extensionElements><zeebe:userTaskForm id="form-instruction">${escape(JSON.stringify(form))}</zeebe:userTaskForm></bpmn:extensionElements>
    <bpmn:startEvent id="debut" />
    <bpmn:userTask id="instruire" name="Instruire la demande d'aide">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="group-a" />
        <zeebe:formDefinition formKey="camunda-forms:bpmn:form-instruction" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:userTask id="valider" name="Valider la décision">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="supervisor" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="fin" />
    <bpmn:sequenceFlow id="f1" sourceRef="debut" targetRef="instruire" />
    <bpmn:sequenceFlow id="f2" sourceRef="instruire" targetRef="valider" />
    <bpmn:sequenceFlow id="f3" sourceRef="valider" targetRef="fin" />
  </bpmn:process>
</bpmn:definitions>`;

const otherXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_autre">
  <bpmn:process id="autre-demarche" name="Autre démarche" isExecutable="true">
    <bpmn:startEvent id="debut" />
    <bpmn:userTask id="traiter" name="Traiter l'autre démarche">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="fin" />
    <bpmn:sequenceFlow id="f1" sourceRef="debut" targetRef="traiter" />
    <bpmn:sequenceFlow id="f2" sourceRef="traiter" targetRef="fin" />
  </bpmn:process>
</bpmn:definitions>`;

describe('inbox: filters, claim, form, completion, live updates', () => {
  let platform: TestPlatform;
  const { newPage } = useBrowser({ viewportHeight: 1100 });

  beforeAll(async () => {
    platform = await startTestPlatform();
    await UserModel.create({ _id: 'agent-a2', displayName: 'Agent A2', roles: ['agent'], groups: ['group-a'], passwordHash: await hashPassword(DEMO_PASSWORD) });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function signedIn(username: string): Promise<Page> {
    const page = await newPage(username);
    await page.goto(`${platform.baseUrl}/taches`);
    await signIn(page, username);
    await page.waitForURL(/\/taches/);
    await shows(page.getByRole('heading', { level: 1, name: 'Mes tâches' }));
    return page;
  }

  it('lets an agent filter, claim, fill the form and complete; the supervisor gets the next task and the other agent sees it all live', async () => {
    const owner = await platform.login('owner');
    for (const xml of [instructionXml, otherXml]) {
      expect((await platform.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' })).status).toBe(201);
    }
    const started = await platform.request('POST', '/api/v1/processes/aide-sociale/instances', { token: owner, json: { variables: { demandeur: 'Mme Martin', reference: 'DOS-' }, businessKey: 'AIDE-2026-001' } });
    await platform.request('POST', '/api/v1/processes/autre-demarche/instances', { token: owner, json: { businessKey: 'AUTRE-1' } });
    const agentToken = await platform.login('agent-a');
    await eventually(async () => {
      const open = await platform.request('GET', '/api/v1/tasks?view=groups', { token: agentToken });
      return open.body.items.length === 2 ? true : undefined;
    }, 'both tasks in group A');

    const agent = await signedIn('agent-a');
    const other = await signedIn('agent-a2');
    const supervisor = await signedIn('supervisor');

    // The other agent sees both tasks, unassigned.
    const otherRow = other.getByRole('row').filter({ hasText: 'AIDE-2026-001' });
    await shows(otherRow.getByText('Personne'));
    await shows(other.getByRole('row').filter({ hasText: 'AUTRE-1' }));

    // agent-a: the tabs count, then the process filter leaves one task.
    await shows(agent.getByRole('button', { name: 'À prendre (2)' }));
    await agent.getByLabel('Processus').fill('aide-sociale');
    await agent.getByRole('button', { name: 'Filtrer' }).click();
    await countBecomes(agent.getByRole('row').filter({ hasText: 'AUTRE-1' }), 0);
    await shows(agent.getByRole('button', { name: 'À prendre (1)' }));
    await agent.getByRole('button', { name: "Instruire la demande d'aide" }).click();
    const details = agent.locator('.task-details');
    await shows(details.getByRole('heading', { name: "Instruire la demande d'aide" }));
    await shows(details.getByText('Mme Martin'));
    await screenshot(agent, 'inbox-01-agent-filtre-detail');
    await expectAccessible(agent, 'boîte de tâches, détail et formulaire');

    // Claim: the other agent's list shows it within seconds, without a reload.
    await details.getByRole('button', { name: 'Prendre en charge' }).click();
    await shows(agent.getByText('Vous avez pris la tâche en charge.'));
    const claimedAt = Date.now();
    await shows(otherRow.getByText('agent-a'));
    expect(Date.now() - claimedAt).toBeLessThan(5000);
    await screenshot(other, 'inbox-02-autre-agent-voit-la-prise-en-charge');

    // The form, prefilled from the variables: the browser refuses what the schema forbids.
    const reference = details.getByLabel(/Référence du dossier/);
    expect(await reference.inputValue()).toBe('DOS-');
    await details.getByRole('button', { name: 'Terminer' }).click();
    await shows(details.getByText('Le formulaire contient des erreurs'));
    // The browser applies the server's own rules, in French.
    await shows(details.getByText('ce champ est obligatoire.'));
    await shows(details.getByText('le format attendu n’est pas respecté.'));
    await screenshot(agent, 'inbox-03-formulaire-erreurs');
    await details.getByLabel('Favorable', { exact: true }).check();
    await reference.fill('DOS-12');
    await details.getByLabel(/Montant accordé/).fill('1500');
    await details.getByRole('button', { name: 'Terminer' }).click();
    await shows(agent.getByText("Tâche « Instruire la demande d'aide » terminée."));
    await countBecomes(agent.getByRole('button', { name: "Instruire la demande d'aide" }), 0);
    await screenshot(agent, 'inbox-04-agent-tache-terminee');

    // The supervisor's inbox shows the next task of the case, live.
    await supervisor.getByRole('button', { name: /^Mes tâches/ }).click();
    await shows(supervisor.getByRole('button', { name: 'Valider la décision' }));
    await shows(supervisor.getByRole('button', { name: 'Mes tâches (1)' }));
    await supervisor.getByRole('button', { name: 'Valider la décision' }).click();
    await shows(supervisor.locator('.task-details').getByText('DOS-12'));
    await screenshot(supervisor, 'inbox-05-superviseur-tache-suivante');
    await expectAccessible(supervisor, 'boîte de tâches du superviseur');
    // And the completed task left the other agent's list.
    await countBecomes(other.getByRole('row').filter({ hasText: 'AIDE-2026-001' }), 0);

    const instance = await platform.request('GET', `/api/v1/instances/${encodeURIComponent(started.body.instanceId)}`, { token: owner });
    expect(instance.body.variables).toMatchObject({ avis: 'favorable', reference: 'DOS-12', montant: 1500 });
  });
});
