/**
 * Every built-in AI activity runs inside a deployed process on Temporal, on the local
 * provider: a complaint is pseudonymised, summarised, assessed, classified, read and answered,
 * and the risk routes it to legal review.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AiContributionModel, TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const complaintXml = readFileSync(path.join(__dirname, '../fixtures/bpmn/ai-complaint.bpmn'), 'utf8');

const EMAIL = 'paul.durand@example.net';
const COMPLAINT =
  `Madame, Monsieur, je conteste la facture d'eau du 12/03/2026 d'un montant de 1 240,50 € que j'estime injustifiée. ` +
  `Mon compteur a été relevé deux fois le même mois. J'ai déjà écrit deux fois sans réponse. ` +
  `Sans régularisation sous quinze jours, mon avocat saisira le tribunal administratif. ` +
  `Vous pouvez me répondre à ${EMAIL}. Paul Durand`;

describe('built-in AI activities in a process', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.stop());

  it('runs the six activities and routes a complaint with a legal threat to legal review', async () => {
    const owner = await platform.login('owner');
    const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: complaintXml, contentType: 'application/xml' });
    expect(deployed.status).toBe(201);
    expect(deployed.body.diagnostics).toEqual([]);
    const started = await platform.request('POST', '/api/v1/processes/reclamation-ia/instances', {
      token: owner,
      json: { variables: { courriel: COMPLAINT, reference: 'REC-2026-000042' } },
    });
    const instanceId = started.body.instanceId as string;
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId }).lean()) ?? undefined, 'a review task');
    expect(task.elementId).toBe('revue-juridique');

    const v = task.variables as Record<string, any>;
    expect(v.pseudo.text).not.toContain(EMAIL);
    expect(v.pseudo.entities).toEqual(expect.arrayContaining([{ token: '[EMAIL_1]', type: 'email' }]));
    expect(v.resume.summary.length).toBeGreaterThan(20);
    expect(v.resume.summary.length).toBeLessThan(COMPLAINT.length);
    expect(v.risque).toMatchObject({ legalRisk: true });
    expect(v.categorie.category).toEqual(expect.any(String));
    expect(v.extraction.fields.montant).toMatchObject({ value: 1240.5 });
    expect(v.extraction.fields.date_facture).toMatchObject({ value: '2026-03-12' });
    expect(v.brouillon.text).toContain('REC-2026-000042');
    for (const output of [v.pseudo, v.resume, v.risque, v.categorie, v.extraction, v.brouillon]) {
      expect(output.provenance).toMatchObject({ provider: 'local', model: 'rouage-local-1' });
      expect(output.confidence).toBeGreaterThanOrEqual(0);
      expect(output.confidence).toBeLessThanOrEqual(1);
    }
    const audit = await AiContributionModel.find({ instanceId }).sort({ at: 1 }).lean();
    expect(audit.map((a) => a.activityType)).toEqual(['ai.pseudonymize', 'ai.summarize', 'ai.assess-risk', 'ai.classify', 'ai.extract', 'ai.draft-reply']);

    const admin = await platform.login('admin');
    const trail = await platform.request('GET', `/api/v1/audit/ai?instanceId=${instanceId}`, { token: admin });
    expect(trail.body.items).toHaveLength(6);
    expect((await platform.request('GET', `/api/v1/audit/ai?instanceId=${instanceId}`, { token: owner })).status).toBe(403);
  });
});
