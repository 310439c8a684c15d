/**
 * The catalog is the single source of AI activities: one new file appears in the worker, the
 * compiler, the element templates and the API, and runs in a process.
 */
import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { builtinCatalog, compilerCatalog, elementTemplates, localAiRuntime } from '../../activities';
import { compile } from '../../compiler';
import { wordCount } from '../fixtures/activities/word-count';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const catalog = [...builtinCatalog, wordCount];

const wordCountXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
  <bpmn:process id="compter" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="count" name="Compter">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="ai.word-count" />
        <zeebe:ioMapping><zeebe:input source="=message" target="text" /></zeebe:ioMapping>
        <zeebe:taskHeaders><zeebe:header key="resultVariable" value="comptage" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="count" />
    <bpmn:sequenceFlow id="f2" sourceRef="count" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('AI activity catalog', () => {
  it('derives a valid Camunda 8 element template for every activity', () => {
    const templates = elementTemplates(catalog);
    expect(templates.map((t) => t.id)).toEqual(catalog.map((a) => `rouage.${a.type}`));
    for (const template of templates) {
      const { valid, errors } = validateZeebe(template);
      expect([template.id, errors ?? []]).toEqual([template.id, []]);
      expect(valid).toBe(true);
    }
    const wordCountTemplate = templates.find((t) => t.id === 'rouage.ai.word-count')!;
    expect(wordCountTemplate.properties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 'ai.word-count', binding: { type: 'zeebe:taskDefinition', property: 'type' } }),
        expect.objectContaining({ binding: { type: 'zeebe:input', name: 'text' }, constraints: { notEmpty: true }, description: 'Le texte à compter' }),
      ]),
    );
  });

  it('makes the compiler accept the new type as a catalog activity and check its inputs', async () => {
    const withNew = await compile(wordCountXml, { catalog: compilerCatalog(catalog) });
    expect(withNew.diagnostics).toEqual([]);
    expect(withNew.graph?.nodes.count).toMatchObject({ kind: 'serviceTask', external: false });
    const without = await compile(wordCountXml, { catalog: compilerCatalog(builtinCatalog) });
    expect(without.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['warning task-type-known']);
    const unmapped = await compile(wordCountXml.replace('target="text"', 'target="texte"'), { catalog: compilerCatalog(catalog) });
    expect(unmapped.diagnostics.map((d) => `${d.ruleId} ${d.elementId}`)).toEqual(['task-inputs-complete count']);
    // A task made from the template, whose required field was left empty, has no mapping at all.
    const emptyTemplateField = wordCountXml
      .replace('<bpmn:serviceTask id="count"', '<bpmn:serviceTask id="count" zeebe:modelerTemplate="rouage.ai.word-count"')
      .replace('<zeebe:ioMapping><zeebe:input source="=message" target="text" /></zeebe:ioMapping>', '');
    const emptyField = await compile(emptyTemplateField, { catalog: compilerCatalog(catalog) });
    expect(emptyField.diagnostics.map((d) => `${d.ruleId} ${d.elementId}`)).toEqual(['task-inputs-complete count']);
    expect((await compile(emptyTemplateField.replace(' zeebe:modelerTemplate="rouage.ai.word-count"', ''), { catalog: compilerCatalog(catalog) })).diagnostics).toEqual([]);
  });

  describe('in a running platform', () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform({ ai: localAiRuntime(catalog) });
    });
    afterAll(() => platform.stop());

    it('lists it, serves its template, registers it in the worker and runs it in a process', async () => {
      const owner = await platform.login('owner');
      const listed = await platform.request('GET', '/api/v1/catalog', { token: owner });
      expect(listed.body.items.map((i: { type: string }) => i.type)).toContain('ai.word-count');
      const templates = await platform.request('GET', '/api/v1/catalog/element-templates', { token: owner });
      expect(templates.body.map((t: { id: string }) => t.id)).toContain('rouage.ai.word-count');

      const deployed = await platform.request('POST', '/api/v1/processes', { token: owner, body: wordCountXml, contentType: 'application/xml' });
      expect(deployed.status).toBe(201);
      expect(deployed.body.diagnostics).toEqual([]);
      const started = await platform.request('POST', '/api/v1/processes/compter/instances', { token: owner, json: { variables: { message: 'un deux trois quatre' } } });
      const ended = await eventually(async () => {
        const response = await platform.request('GET', `/api/v1/instances/${started.body.instanceId}`, { token: owner });
        return response.body.status === 'running' ? undefined : response.body;
      }, 'the instance to end');
      expect(ended.status).toBe('completed');
      expect(ended.variables.comptage).toMatchObject({ words: 4, confidence: 1, provenance: { provider: 'local', promptVersion: 'word-count-1' } });
    });
  });
});
