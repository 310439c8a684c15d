/**
 * Reference procedure A, « Aide financière exceptionnelle » (examples/aide-financiere-exceptionnelle.bpmn),
 * end to end on the real servers: the AI steps on the local provider, the agents' steps through
 * the API, the notifications served by the team's worker on the external task queue.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile, DEFAULT_ALLOWED_LOCATIONS, type AiPolicy } from '../../compiler';
import { AiContributionModel, MessageSubscriptionModel, TaskModel } from '../../platform/storage';
import { eventually, startScenarioPlatform, visited, type ScenarioPlatform } from './support/scenario-platform';
import { hasTimerOf, isDueAfterDays, startedTimers } from './support/timers';

const DEMANDE = `Madame, Monsieur,
Je m'appelle Marie Dupont et j'habite 12 rue des Lilas, 69003 Lyon (numéro de sécurité sociale 2 84 05 69 123 456 40). Après la perte de mon emploi, je sollicite une aide exceptionnelle de 1 500 € pour régler mes loyers en retard. Vous pouvez me joindre au 06 12 34 56 78.`;
const ATTESTATION = `Attestation de ressources (caisse d'allocations familiales)
Composition du foyer : 3 personnes
Ressources mensuelles du foyer : 1 200,00 €`;
const QUITTANCE = `Quittance de loyer d'octobre 2026
Loyer mensuel hors charges : 650,00 €`;
const USAGER = { nom: 'Marie Dupont', courriel: 'marie.dupont@example.fr' };
const TOUTES_LES_PIECES = ['piece-identite', 'attestation-ressources', 'quittance-loyer'];
const ACCELERATED = 'aide-financiere-exceptionnelle-acceleree';

/** The main path of an accepted grant over 1,000 €, approved in time (no escalation). */
const ACCEPTED_OVER_1000 = [
  'demande-deposee', 'lecture-dossier', 'pseudonymiser', 'extraire', 'lister-pieces-manquantes', 'dossier-complet',
  'verifier-eligibilite', 'instruire', 'decision-instructeur', 'montant-eleve', 'approuver', 'accord-confirme',
  'decision-prise', 'rediger-courrier', 'valider-courrier', 'notifier-decision', 'decision-notifiee',
];

// A whole case runs a dozen activities and several human steps on shared, busy servers.
jest.setTimeout(240_000);

describe('procedure A: aide financière exceptionnelle', () => {
  let scenario: ScenarioPlatform;
  let instructeur: string;
  let responsable: string;
  let directrice: string;

  beforeAll(async () => {
    scenario = await startScenarioPlatform();
    await scenario.deployExample('aide-financiere-exceptionnelle.bpmn');
    // The same diagram with its delays of days shortened to seconds, for the paths that wait them out.
    await scenario.deployExample('aide-financiere-exceptionnelle.bpmn', { processKey: ACCELERATED, durations: { P10D: 'PT2S', P5D: 'PT3S' } });
    instructeur = await scenario.agent('instructrice', ['instructeurs-aides']);
    responsable = await scenario.agent('responsable', ['responsables-aides']);
    directrice = await scenario.agent('directrice', ['direction']);
  });

  afterAll(async () => {
    await scenario?.stop();
  });

  it('pseudonymises before any other AI step, on every path (the loop after new documents included)', async () => {
    const xml = readFileSync(path.join(__dirname, '../../examples/aide-financiere-exceptionnelle.bpmn'), 'utf8');
    // With a language model outside the worker allowed for this data, the compiler demands a
    // pseudonymisation before each AI task; the local provider alone would not test that.
    const aiPolicy: AiPolicy = {
      providers: [{ id: 'local', location: 'on-premise' }, { id: 'albert', location: 'sovereign-cloud' }],
      defaultProviderId: 'albert',
      allowedLocations: { ...DEFAULT_ALLOWED_LOCATIONS, sensitive: ['on-premise', 'sovereign-cloud'] },
    };
    const ruleHits = async (source: string) =>
      (await compile(source, { catalog: compilerCatalog(), aiPolicy })).diagnostics.filter((d) => d.ruleId === 'pseudonymize-before-external').map((d) => d.elementId);
    expect(await ruleHits(xml)).toEqual([]);
    // Control: without the pseudonymisation task, every later AI step is reported.
    expect((await ruleHits(xml.replace('<zeebe:taskDefinition type="ai.pseudonymize" />', '<zeebe:taskDefinition type="ai.summarize" />'))).sort()).toEqual([
      'extraire', 'pseudonymiser', 'rediger-courrier',
    ]);
  });

  it('accepts a complete file: reference number, pseudonymised extraction, eligibility, review, approval over 1,000 €, letter, notification', async () => {
    const startedAt = Date.now();
    const { instanceId, businessKey } = await scenario.start('aide-financiere-exceptionnelle', {
      demande: DEMANDE,
      justificatifs: `${ATTESTATION}\n\n${QUITTANCE}`,
      pieces: TOUTES_LES_PIECES,
      usager: USAGER,
    });
    // The process property referencePattern AFE-{year}-{seq:6} numbers the case.
    expect(businessKey).toMatch(new RegExp(`^AFE-${new Date().getFullYear()}-\\d{6}$`));

    const review = await scenario.openTask(instructeur, instanceId, 'instruire');
    expect(review.candidateGroups).toEqual(['instructeurs-aides']);
    // SLA: a decision within 30 days of the complete file.
    expect(isDueAfterDays(review.dueDate, 30, startedAt)).toBe(true);
    // The form shows what the AI read in the pseudonymised file, editable, and the rule's verdict as the proposal.
    expect(review.variables).toMatchObject({
      reference: businessKey,
      tailleFoyer: 3,
      revenusMensuels: 1200,
      loyer: 650,
      montantDemande: 1500,
      decision: 'accepter',
      eligibilite: { revenuParPersonne: 400, plafond: 900, eligible: true },
      extraction: { provenance: { provider: 'local' } },
    });
    expect(review.variables.pseudonymisation.text).toContain('[NIR_1]');
    expect(review.variables.pseudonymisation.text).not.toMatch(/Dupont|2 84 05|06 12 34/);
    expect((review.form as { schema: { components: { key?: string }[] } }).schema.components.map((c) => c.key).filter(Boolean)).toEqual(
      expect.arrayContaining(['tailleFoyer', 'revenusMensuels', 'loyer', 'montantDemande', 'decision', 'motivation']),
    );
    // Nobody outside the group may act on it.
    expect((await scenario.platform.request('POST', `/api/v1/tasks/${review.id}/claim`, { token: responsable })).status).toBe(403);

    // The agent corrects the rent the AI read, and accepts.
    const reviewed = await scenario.claimAndComplete(instructeur, review.id, {
      tailleFoyer: 3, revenusMensuels: 1200, loyer: 640, montantDemande: 1500, decision: 'accepter', piecesManquantes: [],
      motivation: 'Ressources de 400 € par personne, sous le plafond de 900 €.',
    });
    expect(reviewed.status).toBe(200);

    // Over 1,000 €: a second approval, with its 5-day escalation timer running.
    const approval = await scenario.openTask(responsable, instanceId, 'approuver');
    expect(approval.candidateGroups).toEqual(['responsables-aides']);
    expect(approval.variables).toMatchObject({ montantDemande: 1500, loyer: 640, decision: 'accepter' });
    expect(hasTimerOf(await startedTimers(scenario.platform.temporal, instanceId), 5)).toBe(true);
    expect((await scenario.claimAndComplete(responsable, approval.id, { decision: 'accepter', motivation: 'Accord du responsable.' })).status).toBe(200);

    // The AI drafts the decision letter; the agent edits and validates it.
    const letter = await scenario.openTask(instructeur, instanceId, 'valider-courrier');
    expect(letter.variables.brouillon).toMatchObject({ provenance: { provider: 'local' }, missing: [] });
    expect(letter.variables.courrier).toContain('suite favorable');
    expect(letter.variables.courrier).toContain(businessKey);
    expect(letter.variables.courrier).toContain('1500 euros');
    const courrier = `${letter.variables.courrier}\n\nLe versement interviendra sur le compte que vous nous avez indiqué.`;
    expect((await scenario.claimAndComplete(instructeur, letter.id, { courrier })).status).toBe(200);

    const done = await scenario.waitFor(instanceId, (view) => view.status === 'completed', 'the instance to complete');
    expect(visited(done)).toEqual(ACCEPTED_OVER_1000);
    expect(done.variables).toMatchObject({ reference: businessKey, decision: 'accepter', loyer: 640, courrier, piecesManquantes: [] });

    // One notification, to the citizen, with the validated letter.
    expect(scenario.notifications.callsOf(instanceId)).toEqual([
      {
        type: 'citizen.notify', instanceId, elementId: 'notifier-decision',
        variables: { reference: businessKey, destinataire: USAGER, decision: 'accepter', courrier },
        headers: { modele: 'decision' },
      },
    ]);
    const tasks = await TaskModel.find({ instanceId }).sort({ createdAt: 1 }).lean();
    expect(tasks.map((t) => [t.elementId, t.state, t.completedBy])).toEqual([
      ['instruire', 'completed', 'instructrice'],
      ['approuver', 'completed', 'responsable'],
      ['valider-courrier', 'completed', 'instructrice'],
    ]);
    const contributions = await AiContributionModel.find({ instanceId }).lean();
    expect(contributions.map((c) => c.activityType).sort()).toEqual(['ai.draft-reply', 'ai.extract', 'ai.pseudonymize']);
    expect(contributions.every((c) => c.provider === 'local')).toBe(true);
  });

  it('asks for the missing document, waits for it (10-day reminder timer), then reads the file again when it arrives', async () => {
    const { instanceId, businessKey } = await scenario.start('aide-financiere-exceptionnelle', {
      demande: DEMANDE,
      justificatifs: ATTESTATION,
      pieces: ['piece-identite', 'attestation-ressources'],
      usager: USAGER,
    });
    // The token waits at the event-based gateway: for the documents (a subscription on the case
    // reference) or for the 10-day reminder timer, which cannot elapse here: it is only scheduled.
    const waiting = await scenario.waitFor(instanceId, (view) => view.activeElements.some((a) => a.elementId === 'attente-pieces'), 'the wait for documents');
    expect(waiting.variables.piecesManquantes).toEqual(['quittance-loyer']);
    const subscription = await eventually(
      async () => (await MessageSubscriptionModel.findOne({ instanceId }).lean()) ?? undefined,
      'the subscription to the documents message',
      90_000,
    );
    expect(subscription).toMatchObject({ elementId: 'pieces-recues', name: 'pieces-recues', correlationKey: businessKey });
    expect(hasTimerOf(await startedTimers(scenario.platform.temporal, instanceId), 10)).toBe(true);
    expect(scenario.notifications.callsOf(instanceId)).toEqual([
      {
        type: 'citizen.notify', instanceId, elementId: 'demander-pieces',
        variables: { reference: businessKey, destinataire: USAGER, pieces: ['quittance-loyer'] },
        headers: { modele: 'demande-pieces' },
      },
    ]);

    // The citizen sends the rent receipt: the message correlates on the case reference.
    const published = await scenario.publish({
      name: 'pieces-recues',
      correlationKey: businessKey!,
      variables: { pieces: TOUTES_LES_PIECES, justificatifs: `${ATTESTATION}\n\n${QUITTANCE}` },
    });
    expect(published.status).toBe(202);
    expect(published.body.correlated).toBe(1);

    // The file is read again (pseudonymised first), complete this time: the rent is now found.
    const review = await scenario.openTask(instructeur, instanceId, 'instruire');
    expect(review.variables).toMatchObject({ loyer: 650, piecesManquantes: [] });
    const reviewPath = visited(await scenario.instance(instanceId));
    expect(reviewPath.slice(0, 15)).toEqual([
      'demande-deposee', 'lecture-dossier', 'pseudonymiser', 'extraire', 'lister-pieces-manquantes', 'dossier-complet',
      'pieces-a-demander', 'demander-pieces', 'attente-pieces', 'pieces-recues', 'reception-pieces',
      'lecture-dossier', 'pseudonymiser', 'extraire', 'lister-pieces-manquantes',
    ]);
    expect(reviewPath).not.toContain('relancer');

    // Refused this time: the letter gives the agent's reason and the means of appeal.
    const motivation = 'Le loyer est déjà pris en charge par une aide au logement.';
    expect((await scenario.claimAndComplete(instructeur, review.id, {
      tailleFoyer: 3, revenusMensuels: 1200, loyer: 650, montantDemande: 1500, decision: 'refuser', piecesManquantes: [], motivation,
    })).status).toBe(200);
    const letter = await scenario.openTask(instructeur, instanceId, 'valider-courrier');
    expect(letter.variables.courrier).toContain(motivation);
    expect(letter.variables.courrier).toContain('tribunal administratif de Lyon');
    expect((await scenario.claimAndComplete(instructeur, letter.id, { courrier: letter.variables.courrier })).status).toBe(200);

    const done = await scenario.waitFor(instanceId, (view) => view.status === 'completed', 'the instance to complete');
    expect(visited(done)).not.toContain('approuver');
    expect(visited(done).slice(-6)).toEqual(['decision-instructeur', 'decision-prise', 'rediger-courrier', 'valider-courrier', 'notifier-decision', 'decision-notifiee']);
    expect(scenario.notifications.callsOf(instanceId).map((call) => [call.elementId, call.headers.modele, call.variables.decision])).toEqual([
      ['demander-pieces', 'demande-pieces', undefined],
      ['notifier-decision', 'decision', 'refuser'],
    ]);
    const contributions = await AiContributionModel.find({ instanceId }).lean();
    expect(contributions.map((c) => c.activityType).sort()).toEqual(['ai.draft-reply', 'ai.extract', 'ai.extract', 'ai.pseudonymize', 'ai.pseudonymize']);
  });

  it('reminds the citizen when no document came, then closes the case « sans suite » (10 and 5 days shortened to seconds)', async () => {
    const { instanceId, businessKey } = await scenario.start(ACCELERATED, {
      demande: DEMANDE,
      justificatifs: ATTESTATION,
      pieces: ['piece-identite', 'attestation-ressources'],
      usager: USAGER,
    });
    const done = await scenario.waitFor(instanceId, (view) => view.status === 'completed', 'the case to be closed');
    expect(visited(done).slice(-8)).toEqual([
      'pieces-a-demander', 'demander-pieces', 'attente-pieces', 'delai-relance', 'relancer', 'attente-apres-relance', 'delai-expire', 'classee-sans-suite',
    ]);
    expect(scenario.notifications.callsOf(instanceId).map((call) => [call.elementId, call.headers.modele, call.variables])).toEqual([
      ['demander-pieces', 'demande-pieces', { reference: businessKey, destinataire: USAGER, pieces: ['quittance-loyer'] }],
      ['relancer', 'relance-pieces', { reference: businessKey, destinataire: USAGER, pieces: ['quittance-loyer'] }],
    ]);
    // Nobody was asked to work on it, and nothing waits for the documents any more.
    expect(await TaskModel.countDocuments({ instanceId })).toBe(0);
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
  });

  it('escalates the approval to the direction when it is not done within 5 days (shortened to seconds)', async () => {
    const { instanceId } = await scenario.start(ACCELERATED, {
      demande: DEMANDE,
      justificatifs: `${ATTESTATION}\n\n${QUITTANCE}`,
      pieces: TOUTES_LES_PIECES,
      usager: USAGER,
    });
    const review = await scenario.openTask(instructeur, instanceId, 'instruire');
    expect((await scenario.claimAndComplete(instructeur, review.id, {
      tailleFoyer: 3, revenusMensuels: 1200, loyer: 650, montantDemande: 1500, decision: 'accepter', piecesManquantes: [], motivation: 'Sous le plafond.',
    })).status).toBe(200);

    // Nobody approves in time: the approval is withdrawn and the direction decides.
    const arbitration = await scenario.openTask(directrice, instanceId, 'arbitrer');
    expect(arbitration.candidateGroups).toEqual(['direction']);
    expect(await TaskModel.findOne({ instanceId, elementId: 'approuver' }).lean()).toMatchObject({ state: 'canceled' });
    expect((await scenario.claimAndComplete(directrice, arbitration.id, { decision: 'refuser', motivation: 'Budget de l’année épuisé.' })).status).toBe(200);

    const letter = await scenario.openTask(instructeur, instanceId, 'valider-courrier');
    expect(letter.variables.courrier).toContain('Budget de l’année épuisé.');
    expect((await scenario.claimAndComplete(instructeur, letter.id, { courrier: letter.variables.courrier })).status).toBe(200);
    const done = await scenario.waitFor(instanceId, (view) => view.status === 'completed', 'the instance to complete');
    expect(visited(done)).toEqual(expect.arrayContaining(['approuver', 'approbation-en-retard', 'arbitrer', 'accord-confirme']));
    expect(done.path.find((step) => step.elementId === 'approuver')?.canceled).toBe(true);
    expect(done.variables.decision).toBe('refuser');
    expect(scenario.notifications.callsOf(instanceId).map((call) => [call.elementId, call.variables.decision])).toEqual([['notifier-decision', 'refuser']]);
  });
});
