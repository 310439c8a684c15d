/**
 * Reference procedure C, « Réclamation écrite » (examples/reclamation-ecrite.bpmn), end to end on
 * the real servers: three AI analyses in parallel on the local provider, a legal review only
 * when a risk is flagged (inclusive gateway) alongside the normal handling, an AI draft the
 * agent edits and approves, and the reply sent once per channel the citizen used
 * (multi-instance send task) by the team's worker.
 */
import { AiContributionModel, TaskModel } from '../../platform/storage';
import { startScenarioPlatform, visited, type ScenarioPlatform } from './support/scenario-platform';
import { isDueAfterDays } from './support/timers';

const COURRIEL = `Madame, Monsieur,
Je vous écris pour la troisième fois au sujet de la facture d'eau de mon logement, qui a triplé depuis janvier sans aucune explication. Vos services ne répondent ni au téléphone ni aux courriels. J'ai dû payer des pénalités de retard alors que l'erreur vient de votre relevé. Si je n'obtiens pas de réponse sous quinze jours, je saisirai le tribunal administratif avec mon avocat. J'ai aussi contacté un journaliste du Progrès.
Cordialement, Jean Martin`;
const USAGER = { nom: 'Jean Martin', courriel: 'jean.martin@example.fr', adresse: '5 place Bellecour, 69002 Lyon' };

// A whole case runs a dozen activities and several human steps on shared, busy servers.
jest.setTimeout(240_000);

describe('procedure C: réclamation écrite', () => {
  let scenario: ScenarioPlatform;
  let relation: string;
  let collegue: string;
  let juriste: string;

  beforeAll(async () => {
    scenario = await startScenarioPlatform();
    await scenario.deployExample('reclamation-ecrite.bpmn');
    relation = await scenario.agent('charge-relation', ['relation-usagers']);
    collegue = await scenario.agent('collegue-relation', ['relation-usagers']);
    juriste = await scenario.agent('juriste', ['service-juridique']);
  });

  afterAll(async () => {
    await scenario?.stop();
  });

  it('reviews a flagged complaint legally alongside its handling, then sends the approved reply on both channels', async () => {
    const startedAt = Date.now();
    const { instanceId, businessKey } = await scenario.start('reclamation-ecrite', {
      courriel: COURRIEL,
      objetCourriel: "la facture d'eau de votre logement",
      recueLe: '2026-11-20',
      canaux: ['courriel', 'courrier'],
      usager: USAGER,
    });
    expect(businessKey).toMatch(/^REC-\d{4}-\d{6}$/);

    // Both branches of the inclusive gateway open: the risk is flagged.
    const handling = await scenario.openTask(relation, instanceId, 'instruire-reclamation');
    const legal = await scenario.openTask(juriste, instanceId, 'revue-juridique');
    expect(handling.candidateGroups).toEqual(['relation-usagers']);
    expect(legal.candidateGroups).toEqual(['service-juridique']);
    // SLA: a reply within 15 days, on every task of the case.
    expect(isDueAfterDays(handling.dueDate, 15, startedAt)).toBe(true);
    expect(legal.dueDate).toBe(handling.dueDate);
    // What the agents see of the AI says which model made it.
    const { resume, objet, risque } = handling.variables;
    expect(resume.summary.split(/(?<=[.!?])\s+/)).toHaveLength(3);
    expect(resume.provenance).toMatchObject({ provider: 'local', model: expect.any(String) });
    expect(objet).toMatchObject({ category: expect.any(String), provenance: { provider: 'local' } });
    expect(risque).toMatchObject({ legalRisk: true, mediaRisk: true, provenance: { provider: 'local' } });
    // The legal service cannot take the handling, nor the reverse.
    expect((await scenario.platform.request('POST', `/api/v1/tasks/${handling.id}/claim`, { token: juriste })).status).toBe(403);
    expect((await scenario.platform.request('POST', `/api/v1/tasks/${legal.id}/claim`, { token: relation })).status).toBe(403);

    const avisJuridique = "Ne pas reconnaître de faute ; proposer l'annulation des pénalités à titre commercial.";
    expect((await scenario.claimAndComplete(juriste, legal.id, { avisJuridique })).status).toBe(200);
    // The inclusive join waits for the handling, which can still arrive.
    const joined = await scenario.waitFor(instanceId, (view) => view.activeElements.some((a) => a.elementId === 'instruire-reclamation'), 'the handling still open');
    expect(visited(joined)).not.toContain('rediger-reponse');

    // The agent who took the handling hands it to a colleague of the group, who completes it.
    expect((await scenario.platform.request('POST', `/api/v1/tasks/${handling.id}/claim`, { token: relation })).status).toBe(200);
    const handed = await scenario.platform.request('POST', `/api/v1/tasks/${handling.id}/assign`, { token: relation, json: { assignee: 'collegue-relation' } });
    expect(handed.status).toBe(200);
    expect(handed.body.assignee).toBe('collegue-relation');
    const elementsReponse = 'Un relevé erroné a été corrigé ; la facture rectifiée vous sera adressée et les pénalités de retard sont annulées.';
    expect((await scenario.platform.request('POST', `/api/v1/tasks/${handling.id}/complete`, { token: relation, json: { variables: { elementsReponse } } })).status).toBe(403);
    const handled = await scenario.platform.request('POST', `/api/v1/tasks/${handling.id}/complete`, { token: collegue, json: { variables: { elementsReponse } } });
    expect(handled.status).toBe(200);

    // The AI drafts the reply in plain French; the agent edits and approves it.
    const approval = await scenario.openTask(relation, instanceId, 'approuver-reponse');
    expect(isDueAfterDays(approval.dueDate, 15, startedAt)).toBe(true);
    expect(approval.variables).toMatchObject({ avisJuridique, brouillon: { provenance: { provider: 'local' } } });
    const draft: string = approval.variables.reponse;
    expect(draft).toContain(businessKey);
    expect(draft).toContain('20 novembre 2026');
    expect(draft).toContain(elementsReponse);
    expect(draft).toContain('Défenseur des droits');
    expect(draft).not.toContain('[à compléter');
    const reponse = draft.replace('Madame, Monsieur,', 'Monsieur Martin,');
    expect((await scenario.claimAndComplete(relation, approval.id, { reponse })).status).toBe(200);

    const done = await scenario.waitFor(instanceId, (view) => view.status === 'completed', 'the instance to complete');
    const path = visited(done);
    expect(path.slice(0, 3)).toEqual(['reclamation-recue', 'fixer-echeance', 'analyser']);
    expect(path.slice(3, 6).sort()).toEqual(['classer-objet', 'detecter-risques', 'resumer']);
    expect(path.filter((id) => id === 'orienter-reclamation')).toHaveLength(1);
    expect(path).toEqual(expect.arrayContaining(['revue-juridique', 'instruire-reclamation']));
    expect(path.slice(-4)).toEqual(['rediger-reponse', 'approuver-reponse', 'envoyer-reponse', 'reponse-envoyee']);
    expect(path.indexOf('rediger-reponse')).toBeGreaterThan(path.lastIndexOf('instruction-terminee'));

    // One send per channel the citizen used, each with the approved reply.
    const sends = scenario.notifications.callsOf(instanceId);
    expect(sends).toHaveLength(2);
    expect(sends.map((call) => call.variables.canal).sort()).toEqual(['courriel', 'courrier']);
    for (const call of sends) {
      expect(call).toMatchObject({
        type: 'citizen.notify', elementId: 'envoyer-reponse',
        variables: { reference: businessKey, destinataire: USAGER, reponse },
        headers: { modele: 'reponse-reclamation' },
      });
    }

    const tasks = await TaskModel.find({ instanceId }).lean();
    expect(Object.fromEntries(tasks.map((t) => [t.elementId, [t.state, t.completedBy]]))).toEqual({
      'instruire-reclamation': ['completed', 'collegue-relation'],
      'revue-juridique': ['completed', 'juriste'],
      'approuver-reponse': ['completed', 'charge-relation'],
    });
    const contributions = await AiContributionModel.find({ instanceId }).lean();
    expect(contributions.map((c) => c.activityType).sort()).toEqual(['ai.assess-risk', 'ai.classify', 'ai.draft-reply', 'ai.summarize']);
  });
});
