/**
 * Compiling tasks and activities: send, script (FEEL or job), business rule, manual and
 * undefined tasks, user task schedule and priority, call activities and multi-instance; and
 * the diagnostics of those that cannot run as drawn.
 */
import { compile } from '../../compiler';
import { catalog, compiled, errorsOf, fixture } from './elements-support';

describe('job-based tasks', () => {
  it('compiles a send task as a job with its inputs', async () => {
    const { graph, diagnostics } = await compiled('send-task.bpmn');
    expect(graph.nodes['send-receipt']).toMatchObject({
      kind: 'serviceTask',
      element: 'sendTask',
      taskType: 'courrier.recepisse',
      inputs: [{ source: { feel: 'email' }, target: 'to' }],
    });
    // Outside the catalog, as for service tasks: an external worker serves it.
    expect(diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.elementId}`)).toEqual(['warning task-type-known send-receipt']);
  });

  it('compiles a business rule task that names a job type', async () => {
    const { graph } = await compiled('business-rule-task.bpmn');
    expect(graph.nodes.eligibility).toMatchObject({ kind: 'serviceTask', element: 'businessRuleTask', taskType: 'regles.eligibilite', retries: 1 });
  });

  it('compiles a FEEL script task, and a script task served by a worker', async () => {
    const { graph } = await compiled('script-task.bpmn');
    expect(graph.nodes.compute).toEqual({
      id: 'compute',
      name: 'Calculer le montant',
      kind: 'scriptTask',
      incoming: ['f1'],
      outgoing: ['f2'],
      inputs: [],
      outputs: [],
      expression: 'sum(lignes.montant) * 1.2',
      resultVariable: 'montantTTC',
    });
    expect(graph.nodes['legacy-script']).toMatchObject({ kind: 'serviceTask', element: 'scriptTask', taskType: 'script.groovy' });
  });

  it('lets the token pass through manual and undefined tasks', async () => {
    const { graph } = await compiled('pass-through-tasks.bpmn');
    expect(graph.nodes.stamp).toMatchObject({ kind: 'passThroughTask', element: 'manualTask', name: 'Tamponner le dossier' });
    expect(graph.nodes.file).toMatchObject({ kind: 'passThroughTask', element: 'task' });
  });
});

describe('user tasks', () => {
  it('compiles the schedule, the priority and the headers of a user task', async () => {
    const { graph } = await compiled('user-task-schedule.bpmn');
    expect(graph.nodes.instruct).toMatchObject({
      kind: 'userTask',
      candidateGroups: { value: 'group-a' },
      dueDate: { feel: 'now() + duration("P10D")' },
      followUpDate: { value: '2027-03-01T09:00:00+01:00' },
      priority: { value: '80' },
      headers: { consigne: "Vérifier l'identité" },
    });
  });
});

describe('call activities', () => {
  it('compiles the called process, the propagation flags and the version binding', async () => {
    const { graph, diagnostics } = await compiled('call-activity.bpmn');
    expect(graph.nodes['common-instruction']).toMatchObject({
      kind: 'callActivity',
      processKey: { value: 'instruction-commune' },
      propagateAllParentVariables: true,
      propagateAllChildVariables: false,
      binding: { type: 'latest' },
      inputs: [{ source: { feel: 'dossier' }, target: 'dossier' }],
      outputs: [{ source: { feel: 'decision' }, target: 'decision' }],
    });
    expect(graph.nodes['by-type']).toMatchObject({
      processKey: { feel: '"procedure-" + typeDemande' },
      propagateAllParentVariables: false,
      propagateAllChildVariables: true,
      binding: { type: 'version', version: 3 },
    });
    // A binding Rouage cannot honour still runs (the latest version), with a warning.
    expect(graph.nodes['same-deployment']).toMatchObject({ binding: { type: 'latest' } });
    expect(diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.elementId}`)).toEqual(['warning call-activity-binding same-deployment']);
    expect(diagnostics[0]!.hint.fr).toMatch(/versionTag/);
  });
});

describe('multi-instance', () => {
  it('compiles parallel and sequential multi-instance on a task, a subprocess and a call activity', async () => {
    const { graph } = await compiled('multi-instance.bpmn');
    expect(graph.nodes.opinions).toMatchObject({
      kind: 'userTask',
      multiInstance: {
        sequential: false,
        inputCollection: 'services',
        inputElement: 'service',
        outputCollection: 'avis',
        outputElement: 'avisService',
        completionCondition: 'numberOfCompletedInstances >= 2',
      },
    });
    expect(graph.nodes['each-document']).toMatchObject({ kind: 'subProcess', multiInstance: { sequential: true, inputCollection: 'pieces', inputElement: 'piece' } });
    expect(graph.nodes['each-applicant']).toMatchObject({ kind: 'callActivity', multiInstance: { sequential: false, inputCollection: 'demandeurs' } });
    expect(graph.nodes['each-applicant']!).not.toHaveProperty('multiInstance.outputCollection');
  });

  it('refuses a multi-instance without input collection or with half an output, and checks its FEEL', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-multi-instance.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errorsOf(diagnostics, ['multi-instance', 'feel-syntax'])).toEqual(['multi-instance no-collection', 'multi-instance half-output', 'feel-syntax bad-condition']);
    // Camunda 8 has no loop cardinality: the hint says how to loop n times.
    expect(diagnostics[0]!.hint.en).toMatch(/for i in 1\.\.n/);
    expect(diagnostics.find((d) => d.ruleId === 'feel-syntax')!.message.en).toMatch(/completionCondition/);
  });
});

describe('FEEL in the new fields', () => {
  it('checks the syntax of multi-instance collections, output elements, priorities and signal names', async () => {
    const cases: [string, string, string, string][] = [
      ['multi-instance.bpmn', 'inputCollection="=services"', 'inputCollection="=services["', 'opinions (inputCollection)'],
      ['multi-instance.bpmn', 'outputElement="=avisService"', 'outputElement="=avisService +"', 'opinions (outputElement)'],
      ['user-task-schedule.bpmn', 'priority="80"', 'priority="=urgence *"', 'instruct (priority)'],
      ['signal-events.bpmn', 'name="=&#34;fin-&#34; + service"', 'name="=&#34;fin-&#34; +"', 'done (signal name)'],
    ];
    for (const [name, valid, broken, expected] of cases) {
      const xml = fixture(name);
      expect(xml).toContain(valid);
      const { graph, diagnostics } = await compile(xml.replace(valid, broken), { catalog });
      expect(graph).toBeUndefined();
      const found = diagnostics.filter((d) => d.ruleId === 'feel-syntax').map((d) => `${d.elementId} (${/\((.+?)\)/.exec(d.message.en)?.[1]})`);
      expect(found).toEqual([expected]);
    }
  });
});

describe('tasks that cannot run as drawn', () => {
  it('names the task and the field at fault', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-tasks.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    const rules = ['script-task-definition', 'task-type-required', 'user-task-schedule', 'user-task-priority', 'called-element-required', 'feel-syntax'];
    expect(errorsOf(diagnostics, rules)).toEqual([
      'script-task-definition no-result',
      'task-type-required send-nothing',
      'user-task-schedule bad-schedule',
      'user-task-priority bad-schedule',
      'called-element-required call-nothing',
      'feel-syntax bad-script',
      'feel-syntax bad-schedule',
      'feel-syntax bad-called',
      'feel-syntax dynamic-type',
    ]);
    const fields = diagnostics.filter((d) => d.ruleId === 'feel-syntax').map((d) => /\((\w+)\)/.exec(d.message.en)?.[1]);
    expect(fields).toEqual(['script', 'followUpDate', 'processId', 'taskType']);
    expect(diagnostics.find((d) => d.elementId === 'send-nothing')!.message.en).toMatch(/SendTask/);
    // A FEEL job type (computed per job, as in Camunda) is checked like every expression.
    expect(diagnostics.filter((d) => d.elementId === 'dynamic-type' && d.severity === 'error').map((d) => d.ruleId)).toEqual(['feel-syntax']);
  });

  it('refuses DMN decisions and standard loops, with what to use instead', async () => {
    const { diagnostics } = await compile(fixture('invalid-unsupported.bpmn'), { catalog });
    const decide = diagnostics.find((d) => d.elementId === 'decide')!;
    expect(decide).toMatchObject({ ruleId: 'unsupported-element', severity: 'error' });
    expect(decide.hint.en).toMatch(/script task holding a FEEL expression/);
    const repeat = diagnostics.find((d) => d.elementId === 'repeat')!;
    expect(repeat).toMatchObject({ ruleId: 'unsupported-element', severity: 'error' });
    expect(repeat.hint.fr).toMatch(/multi-instance/);
  });
});
