/**
 * Reference procedure B, « Signalement sur la voie publique » (examples/signalement-voie-publique.bpmn),
 * end to end on the real servers: AI triage on the local provider, human triage when the AI is
 * unsure, urgent reports alerting the on-call service and the citizen in parallel, the team's
 * task with its 48-hour reminder, closure, and the satisfaction question.
 */
import { AiContributionModel, MessageSubscriptionModel, TaskModel } from '../../platform/storage';
import { eventually, startScenarioPlatform, visited, type ScenarioPlatform } from './support/scenario-platform';
import { hasTimerOf, startedTimers } from './support/timers';

const USAGER = { nom: 'Karim Benali', contact: '+33 6 98 76 54 32' };
const ACCELERATED = 'signalement-voie-publique-accelere';

// A whole case runs a dozen activities and several human steps on shared, busy servers.
jest.setTimeout(240_000);

describe('procedure B: signalement sur la voie publique', () => {
  let scenario: ScenarioPlatform;
  let accueil: string;
  let equipeAutre: string;
  let equipeEclairage: string;

  beforeAll(async () => {
    scenario = await startScenarioPlatform();
    await scenario.deployExample('signalement-voie-publique.bpmn');
    // The same diagram with the teams' 48-hour reminder shortened to seconds.
    await scenario.deployExample('signalement-voie-publique.bpmn', { processKey: ACCELERATED, durations: { PT48H: 'PT2S' } });
    accueil = await scenario.agent('standardiste', ['standard-accueil']);
    equipeAutre = await scenario.agent('agent-autre', ['equipe-autre']);
    equipeEclairage = await scenario.agent('agent-eclairage', ['equipe-eclairage']);
  });

  afterAll(async () => {
    await scenario?.stop();
  });

  it('sends an urgent report the AI is unsure about to human triage, alerts on-call and citizen in parallel, then the team closes it', async () => {
    const { instanceId, businessKey } = await scenario.start('signalement-voie-publique', {
      description: "Une odeur de gaz très forte devant le numéro 4 de la rue des Tanneurs, risque d'explosion",
      canal: 'application',
      localisation: '4 rue des Tanneurs',
      usager: USAGER,
    });
    expect(businessKey).toMatch(/^SIG-\d{4}-\d{6}$/);

    // The AI is unsure of the category (confidence under 0.7) but sees an immediate danger.
    const triage = await scenario.openTask(accueil, instanceId, 'qualifier');
    expect(triage.candidateGroups).toEqual(['standard-accueil']);
    expect(triage.variables.triage.confidence).toBeLessThan(0.7);
    expect(triage.variables.triage.provenance).toMatchObject({ provider: 'local' });
    expect(triage.variables.risque).toMatchObject({ urgency: 'high' });
    // The form is prefilled with the AI's proposals.
    expect(triage.variables).toMatchObject({ categorie: triage.variables.triage.category, urgent: true });
    // A team agent cannot triage.
    expect((await scenario.platform.request('POST', `/api/v1/tasks/${triage.id}/claim`, { token: equipeAutre })).status).toBe(403);
    expect((await scenario.claimAndComplete(accueil, triage.id, { categorie: 'autre', urgent: true })).status).toBe(200);

    const work = await scenario.openTask(equipeAutre, instanceId, 'traiter-autre');
    expect(work.candidateGroups).toEqual(['equipe-autre']);
    expect(work.variables.qualification).toEqual({ categorie: 'autre', urgent: true });
    // Urgent: the on-call service and the citizen were alerted (in parallel) before the team got the task.
    const alerts = scenario.notifications.callsOf(instanceId);
    expect(alerts).toHaveLength(2);
    expect(alerts).toEqual(
      expect.arrayContaining([
        {
          type: 'oncall.notify', instanceId, elementId: 'prevenir-astreinte',
          variables: { reference: businessKey, categorie: 'autre', description: expect.stringContaining('odeur de gaz'), localisation: '4 rue des Tanneurs' },
          headers: { modele: 'danger-immediat' },
        },
        {
          type: 'citizen.notify', instanceId, elementId: 'accuser-reception',
          variables: { reference: businessKey, canal: 'application', destinataire: USAGER },
          headers: { modele: 'accuse-reception-urgent' },
        },
      ]),
    );
    // The team's task carries its non-interrupting 48-hour reminder (it cannot elapse here).
    expect(hasTimerOf(await startedTimers(scenario.platform.temporal, instanceId), 2)).toBe(true);

    const compteRendu = 'Fuite sur un branchement, coupée par GRDF à 14 h ; périmètre levé.';
    expect((await scenario.claimAndComplete(equipeAutre, work.id, { commentaireCloture: compteRendu })).status).toBe(200);

    // The citizen learns of the closure, then is asked for their opinion: the case waits 7 days at most.
    await eventually(
      async () => ((await MessageSubscriptionModel.findOne({ instanceId, name: 'avis-satisfaction' }).lean()) ?? undefined),
      'the satisfaction subscription',
      90_000,
    );
    expect(hasTimerOf(await startedTimers(scenario.platform.temporal, instanceId), 7)).toBe(true);
    expect(scenario.notifications.callsOf(instanceId).slice(2)).toEqual([
      {
        type: 'citizen.notify', instanceId, elementId: 'informer-cloture',
        variables: { reference: businessKey, canal: 'application', destinataire: USAGER, commentaire: compteRendu },
        headers: { modele: 'cloture' },
      },
      {
        type: 'citizen.notify', instanceId, elementId: 'demander-avis',
        variables: { reference: businessKey, canal: 'application', destinataire: USAGER },
        headers: { modele: 'satisfaction' },
      },
    ]);
    const answered = await scenario.publish({ name: 'avis-satisfaction', correlationKey: businessKey!, variables: { note: 4, avis: 'Intervention rapide' } });
    expect(answered.status).toBe(202);
    expect(answered.body.correlated).toBe(1);

    const done = await scenario.waitFor(instanceId, (view) => view.status === 'completed', 'the instance to complete');
    const path = visited(done);
    expect(path.slice(0, 7)).toEqual(['signalement-recu', 'classer', 'evaluer-urgence', 'confiance-suffisante', 'qualifier', 'signalement-qualifie', 'danger-immediat']);
    // The fork's two tokens each reach the join, which lets one through once both are there.
    expect(path.slice(7, 12)).toEqual(['alerter', expect.any(String), expect.any(String), 'alertes-envoyees', 'alertes-envoyees']);
    expect(path.slice(8, 10).sort()).toEqual(['accuser-reception', 'prevenir-astreinte']);
    expect(path.slice(12)).toEqual(['avant-orientation', 'orienter', 'traiter-autre', 'intervention-terminee', 'informer-cloture', 'demander-avis', 'attente-avis', 'avis-recu', 'avis-enregistre']);
    expect(done.variables).toMatchObject({ commentaireCloture: compteRendu, note: 4, qualification: { categorie: 'autre', urgent: true } });

    const tasks = await TaskModel.find({ instanceId }).sort({ createdAt: 1 }).lean();
    expect(tasks.map((t) => [t.elementId, t.state, t.completedBy])).toEqual([
      ['qualifier', 'completed', 'standardiste'],
      ['traiter-autre', 'completed', 'agent-autre'],
    ]);
    const contributions = await AiContributionModel.find({ instanceId }).lean();
    expect(contributions.map((c) => c.activityType).sort()).toEqual(['ai.assess-risk', 'ai.classify']);
  });

  it('routes a report the AI is sure about straight to the team, without alerting on-call', async () => {
    const { instanceId, businessKey } = await scenario.start('signalement-voie-publique', {
      description: 'Le lampadaire devant chez moi est éteint depuis trois nuits, la rue est toute noire',
      canal: 'courriel',
      localisation: '18 avenue Jean Jaurès',
      usager: USAGER,
    });
    const work = await scenario.openTask(equipeEclairage, instanceId, 'traiter-eclairage');
    expect(work.variables.qualification).toEqual({ categorie: 'eclairage', urgent: false });
    expect(scenario.notifications.callsOf(instanceId)).toEqual([]);
    expect((await scenario.claimAndComplete(equipeEclairage, work.id, { commentaireCloture: 'Ampoule remplacée.' })).status).toBe(200);

    await scenario.waitFor(instanceId, (view) => view.activeElements.some((a) => a.elementId === 'attente-avis'), 'the wait for the opinion');
    expect(scenario.notifications.callsOf(instanceId).map((call) => [call.elementId, call.variables.canal])).toEqual([
      ['informer-cloture', 'courriel'],
      ['demander-avis', 'courriel'],
    ]);
    const path = visited(await scenario.instance(instanceId));
    expect(path).toEqual([
      'signalement-recu', 'classer', 'evaluer-urgence', 'confiance-suffisante', 'retenir-proposition', 'signalement-qualifie',
      'danger-immediat', 'avant-orientation', 'orienter', 'traiter-eclairage', 'intervention-terminee', 'informer-cloture',
      'demander-avis', 'attente-avis',
    ]);
    // Nobody answers within the test: the case is withdrawn rather than left waiting 7 days.
    expect((await scenario.platform.request('POST', `/api/v1/instances/${instanceId}/cancel`, { token: scenario.owner })).status).toBe(202);
    expect(businessKey).toMatch(/^SIG-/);
  });

  it('alerts the team lead when the team task is still open after 48 hours, and keeps the task open (shortened to seconds)', async () => {
    const { instanceId, businessKey } = await scenario.start(ACCELERATED, {
      description: 'Le lampadaire devant chez moi est éteint depuis trois nuits, la rue est toute noire',
      canal: 'chat',
      localisation: '18 avenue Jean Jaurès',
      usager: USAGER,
    });
    const work = await scenario.openTask(equipeEclairage, instanceId, 'traiter-eclairage');
    const alert = await eventually(
      async () => scenario.notifications.callsOf(instanceId).find((call) => call.elementId === 'alerter-chef-eclairage'),
      'the alert to the team lead',
      90_000,
    );
    expect(alert).toMatchObject({
      type: 'staff.notify',
      variables: { reference: businessKey, groupe: 'chefs-equipe', equipe: 'equipe-eclairage', description: expect.stringContaining('lampadaire') },
      headers: { modele: 'intervention-en-retard' },
    });
    // Non-interrupting: the team still holds its task, and can close it.
    const view = await scenario.waitFor(instanceId, (v) => visited(v).includes('chef-alerte-eclairage'), 'the alert branch to end');
    expect(view.activeElements.map((a) => a.elementId)).toEqual(['traiter-eclairage']);
    expect(await TaskModel.findById(work.id).lean()).toMatchObject({ state: 'created' });
    expect((await scenario.claimAndComplete(equipeEclairage, work.id, { commentaireCloture: 'Ampoule remplacée.' })).status).toBe(200);
    const closed = await scenario.waitFor(instanceId, (v) => v.activeElements.some((a) => a.elementId === 'attente-avis'), 'the wait for the opinion');
    expect(visited(closed)).toEqual(expect.arrayContaining(['relance-eclairage', 'alerter-chef-eclairage', 'chef-alerte-eclairage', 'intervention-terminee']));
    expect(closed.path.find((step) => step.elementId === 'traiter-eclairage')?.canceled).toBeUndefined();
    expect((await scenario.platform.request('POST', `/api/v1/instances/${instanceId}/cancel`, { token: scenario.owner })).status).toBe(202);
  });
});
