/**
 * Sovereignty (DESIGN.md §5): refused at deploy time, refused again at run time, and no
 * personal data reaches a provider outside the trust boundary.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localAiRuntime, type AiRuntime } from '../../activities';
import { createOpenAiCompatibleProvider } from '../../activities/providers/openai-compatible';
import type { ProviderLocation } from '../../compiler';
import { AiContributionModel, PseudonymMappingModel, TaskModel } from '../../platform/storage';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const summaryXml = readFileSync(path.join(__dirname, '../fixtures/bpmn/ai-pseudonymized-summary.bpmn'), 'utf8');

// Planted personal data: a NIR with its valid key, a valid French IBAN, an email, a phone.
const NIR = '2 84 05 75 115 090 96';
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const EMAIL = 'claire.martin@example.org';
const PHONE = '06 12 34 56 78';
const LETTER =
  `Madame, je vous écris au sujet de ma demande d'aide au logement, restée sans réponse depuis deux mois. ` +
  `Mon numéro de sécurité sociale est le ${NIR} et mon IBAN le ${IBAN}. ` +
  `Vous pouvez me joindre au ${PHONE} ou par courriel à ${EMAIL}. ` +
  `Sans réponse sous quinze jours, je saisirai le médiateur.`;

function runtimeWith(fakeLlm: FakeLlm, location: ProviderLocation, allowedForSensitive?: ProviderLocation[]): AiRuntime {
  const runtime = localAiRuntime();
  const providers = new Map(runtime.providers);
  providers.set('albert-test', createOpenAiCompatibleProvider({ id: 'albert-test', baseUrl: fakeLlm.baseUrl, model: 'albert-large', location, apiKey: 'test-key', timeoutMs: 5000 }));
  return { ...runtime, providers, allowedLocations: allowedForSensitive ? { ...runtime.allowedLocations, sensitive: allowedForSensitive } : runtime.allowedLocations };
}

describe('AI sovereignty', () => {
  let fakeLlm: FakeLlm;
  let platform: TestPlatform | undefined;
  beforeAll(async () => {
    fakeLlm = await startFakeLlm(() => ({ summary: 'Un usager relance sa demande d’aide au logement restée sans réponse.', confidence: 0.8 }));
  });
  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
    fakeLlm.requests.length = 0;
  });
  afterAll(() => fakeLlm.close());

  async function deploy(xml: string) {
    const owner = await platform!.login('owner');
    return platform!.request('POST', '/api/v1/processes', { token: owner, body: xml, contentType: 'application/xml' });
  }

  /** A refused AI step is an incident: the token waits at the element, the instance stays open for a fix. */
  async function incidentOf(instanceId: string): Promise<{ elementId: string; reason: string }> {
    const owner = await platform!.login('owner');
    return eventually(async () => {
      const response = await platform!.request('GET', `/api/v1/instances/${instanceId}`, { token: owner });
      expect(response.body.status).toBe('running');
      return response.body.incidents?.[0];
    }, 'an incident');
  }

  it('refuses at deploy time to send sensitive data to a sovereign-cloud provider, naming the elements', async () => {
    platform = await startTestPlatform({ worker: false, ai: runtimeWith(fakeLlm, 'sovereign-cloud') });
    const response = await deploy(summaryXml.replace('value="internal"', 'value="sensitive"'));
    expect(response.status).toBe(422);
    const errors = response.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    expect(errors.map((d: { ruleId: string; elementId: string }) => `${d.ruleId} ${d.elementId}`)).toEqual(['ai-sovereignty resumer']);
  });

  it('refuses at deploy time an AI task outside the trust boundary with no pseudonymisation before it', async () => {
    platform = await startTestPlatform({ worker: false, ai: runtimeWith(fakeLlm, 'sovereign-cloud') });
    const unprotected = summaryXml.replace('sourceRef="courrier-recu" targetRef="pseudonymiser"', 'sourceRef="courrier-recu" targetRef="resumer"').replace('<bpmn:sequenceFlow id="f2" sourceRef="pseudonymiser" targetRef="resumer" />', '');
    const response = await deploy(unprotected);
    expect(response.status).toBe(422);
    expect(response.body.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'pseudonymize-before-external', elementId: 'resumer' })]));
  });

  it('refuses at run time when the worker does not allow the provider, sending nothing', async () => {
    // The API was configured to allow it, the worker was not: the worker has the last word.
    platform = await startTestPlatform({ ai: runtimeWith(fakeLlm, 'sovereign-cloud', ['on-premise', 'sovereign-cloud']), workerAi: runtimeWith(fakeLlm, 'sovereign-cloud') });
    expect((await deploy(summaryXml.replace('value="internal"', 'value="sensitive"'))).status).toBe(201);
    const owner = await platform.login('owner');
    const started = await platform.request('POST', '/api/v1/processes/resume-courrier/instances', { token: owner, json: { variables: { courrier: LETTER } } });
    const incident = await incidentOf(started.body.instanceId);
    expect(incident.elementId).toBe('resumer');
    expect(incident.reason).toMatch(/may not be sent to provider "albert-test"/);
    expect(fakeLlm.requests).toHaveLength(0);
  });

  it('refuses at run time a payload that still holds personal data, naming its kinds but not its values', async () => {
    platform = await startTestPlatform({ ai: runtimeWith(fakeLlm, 'sovereign-cloud') });
    // Pseudonymisation runs, but the summary is fed the original letter.
    expect((await deploy(summaryXml.replace('source="=pseudo.text"', 'source="=courrier"'))).status).toBe(201);
    const owner = await platform.login('owner');
    const started = await platform.request('POST', '/api/v1/processes/resume-courrier/instances', { token: owner, json: { variables: { courrier: LETTER } } });
    const incident = await incidentOf(started.body.instanceId);
    expect(incident.elementId).toBe('resumer');
    expect(incident.reason).toMatch(/personal data \(nir, iban, (email, phone|phone, email)\)/);
    expect(incident.reason).not.toContain(EMAIL);
    expect(fakeLlm.requests).toHaveLength(0);
  });

  it('sends only pseudonymised text to the provider, keeps the originals encrypted, and shows them to the case agent only', async () => {
    platform = await startTestPlatform({ ai: runtimeWith(fakeLlm, 'sovereign-cloud') });
    expect((await deploy(summaryXml)).status).toBe(201);
    const owner = await platform.login('owner');
    const started = await platform.request('POST', '/api/v1/processes/resume-courrier/instances', { token: owner, json: { variables: { courrier: LETTER } } });
    const instanceId = started.body.instanceId as string;
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId }).lean()) ?? undefined, 'the reading task');

    expect(fakeLlm.requests).toHaveLength(1);
    const sent = fakeLlm.requests[0]!;
    for (const planted of [NIR, IBAN, EMAIL, PHONE, NIR.replace(/ /g, ''), IBAN.replace(/ /g, '')]) expect(sent).not.toContain(planted);
    expect(sent).toContain('[NIR_1]');
    expect(sent).toContain('[EMAIL_1]');

    const variables = task.variables as { pseudo: { text: string }; resume: { summary: string; provenance: { provider: string; model: string } } };
    expect(variables.pseudo.text).not.toContain(EMAIL);
    expect(variables.resume.provenance).toMatchObject({ provider: 'albert-test', model: 'albert-large' });

    const audit = await AiContributionModel.find({ instanceId }).sort({ at: 1 }).lean();
    expect(audit.map((a) => [a.activityType, a.provider, a.providerLocation])).toEqual([
      ['ai.pseudonymize', 'local', 'on-premise'],
      ['ai.summarize', 'albert-test', 'sovereign-cloud'],
    ]);
    expect(audit[1]).toMatchObject({ inputTokens: 120, outputTokens: 30, inputHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const sealed = await PseudonymMappingModel.findOne({ instanceId }).lean();
    expect(sealed!.sealed).not.toContain('claire');
    expect(Buffer.from(sealed!.sealed, 'base64').toString('latin1')).not.toContain('claire');

    const agentA = await platform.login('agent-a');
    const revealed = await platform.request('GET', `/api/v1/instances/${instanceId}/pseudonyms`, { token: agentA });
    expect(revealed.status).toBe(200);
    expect(revealed.body.items[0].replacements).toEqual(expect.arrayContaining([{ token: '[EMAIL_1]', type: 'email', value: EMAIL }, { token: '[NIR_1]', type: 'nir', value: NIR }]));
    const agentB = await platform.login('agent-b');
    expect((await platform.request('GET', `/api/v1/instances/${instanceId}/pseudonyms`, { token: agentB })).status).toBe(403);
  });
});
