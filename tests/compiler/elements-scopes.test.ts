/**
 * Compiling scopes and gateways: embedded and event subprocesses, collaborations, inclusive and
 * event-based gateways; how rules walk them (successors, reachability per scope); and the
 * graph's determinism (document order).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { compile } from '../../compiler';
import { catalog, errorsOf, fixture, graphOf } from './elements-support';
import { reachable, successors } from '../../compiler/rules/walk';

describe('embedded subprocess', () => {
  it('compiles the subprocess with its mappings, start event and boundary event; its content names it as scope', async () => {
    const graph = await graphOf('subprocess.bpmn');
    expect(graph.nodes.instruction).toEqual({
      id: 'instruction',
      name: 'Instruction',
      kind: 'subProcess',
      incoming: ['f1'],
      outgoing: ['f2'],
      inputs: [{ source: { feel: 'demande.montant' }, target: 'montant' }],
      outputs: [{ source: { feel: 'avis' }, target: 'avisInstruction' }],
      startNodeIds: ['instruction-start'],
      eventSubProcessIds: [],
      boundaryEventIds: ['too-long'],
    });
    for (const id of ['instruction-start', 'give-opinion', 'instruction-end']) expect(graph.nodes[id]).toHaveProperty('scopeId', 'instruction');
    expect(graph.nodes['too-long']).not.toHaveProperty('scopeId');
    expect(graph.startNodeIds).toEqual(['start']);
    expect(graph.flows.s1).toEqual({ id: 's1', sourceId: 'instruction-start', targetId: 'give-opinion' });
  });

  it('keeps nodes and flows in document order, a subprocess before its content, and gives the same bytes each time', async () => {
    const graph = await graphOf('subprocess.bpmn');
    expect(Object.keys(graph.nodes)).toEqual(['start', 'instruction', 'instruction-start', 'give-opinion', 'instruction-end', 'too-long', 'end', 'timed-out']);
    expect(Object.keys(graph.flows)).toEqual(['s1', 's2', 'f1', 'f2', 'f3']);
    const again = await compile(fixture('subprocess.bpmn'), { catalog });
    expect(JSON.stringify(again.graph)).toEqual(JSON.stringify(graph));
  });

  it('refuses a subprocess without a none start event, and transactions and ad-hoc subprocesses', async () => {
    const invalid = await compile(fixture('invalid-subprocess.bpmn'), { catalog });
    expect(errorsOf(invalid.diagnostics, ['subprocess-start'])).toEqual(['subprocess-start no-start']);
    const unsupported = await compile(fixture('invalid-unsupported.bpmn'), { catalog });
    expect(errorsOf(unsupported.diagnostics, ['unsupported-element'])).toEqual(expect.arrayContaining(['unsupported-element payment', 'unsupported-element free-steps']));
    expect(unsupported.diagnostics.find((d) => d.elementId === 'payment')!.hint.en).toMatch(/error boundary event/);
    expect(unsupported.diagnostics.find((d) => d.elementId === 'free-steps')!.hint.en).toMatch(/inclusive gateway/);
    // Their content is not reported on its own: the container's diagnostic covers it.
    expect(unsupported.diagnostics.some((d) => d.elementId === 'any-step' || d.elementId === 'payment-start')).toBe(false);
  });
});

describe('event subprocesses', () => {
  it('compiles event subprocesses of the process and of a subprocess, with their triggers', async () => {
    const graph = await graphOf('event-subprocess.bpmn');
    expect(graph.eventSubProcessIds).toEqual(['reminders', 'withdrawal', 'failure', 'closure']);
    expect(graph.nodes.reminders).toEqual({ id: 'reminders', name: 'Rappels', kind: 'eventSubProcess', incoming: [], outgoing: [], inputs: [], outputs: [], startNodeId: 'weekly' });
    // A cycle may repeat in a non-interrupting event subprocess.
    expect(graph.nodes.weekly).toMatchObject({ scopeId: 'reminders', interrupting: false, trigger: { type: 'timer', timer: { type: 'cycle', value: { value: 'R4/P7D' } } } });
    expect(graph.nodes.withdrawn).toMatchObject({ interrupting: true, trigger: { type: 'message', message: { name: { value: 'desistement' }, correlationKey: { feel: 'numeroDossier' } } } });
    expect(graph.nodes['any-error']).toMatchObject({ interrupting: true, trigger: { type: 'error' } });
    expect(graph.nodes['office-closed']).toMatchObject({ trigger: { type: 'signal', signal: { name: { value: 'fermeture' } } } });
    expect(graph.nodes.instruction).toMatchObject({ kind: 'subProcess', startNodeIds: ['instruction-start'], eventSubProcessIds: ['on-escalation'] });
    expect(graph.nodes['on-escalation']).toMatchObject({ kind: 'eventSubProcess', scopeId: 'instruction', startNodeId: 'escalation-start' });
    expect(graph.nodes['escalation-start']).toMatchObject({ scopeId: 'on-escalation', interrupting: false, trigger: { type: 'escalation', escalationCode: 'RETARD' } });
    // Event subprocess start events never start an instance.
    expect(graph.startNodeIds).toEqual(['start']);
  });

  it('refuses an event subprocess whose start waits for nothing, or that has two starts', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-subprocess.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errorsOf(diagnostics, ['event-subprocess-start'])).toEqual(['event-subprocess-start plain-start', 'event-subprocess-start two-starts']);
    expect(diagnostics.find((d) => d.elementId === 'two-starts')!.message.en).toMatch(/2 start events/);
  });
});

describe('collaborations', () => {
  it('refuses a non-executable pool holding steps, on its pool, and accepts black-box pools', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-collaboration.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.elementId}`)).toEqual(['error unsupported-element citizen']);
    expect(diagnostics[0]!.message.fr).toMatch(/Usager/);
    expect(diagnostics[0]!.hint.en).toMatch(/black box/);
    const withoutCitizenSteps = fixture('invalid-collaboration.bpmn').replace(/<bpmn:process id="citizen-process"[\s\S]*?<\/bpmn:process>/, '<bpmn:process id="citizen-process" isExecutable="false" />');
    const blackBoxes = await compile(withoutCitizenSteps, { catalog });
    expect(blackBoxes.diagnostics).toEqual([]);
    expect(Object.keys(blackBoxes.graph!.nodes)).toEqual(['start', 'handle', 'end']);
  });
});

describe('inclusive and event-based gateways', () => {
  it('compiles an inclusive split with a default flow and an inclusive join', async () => {
    const graph = await graphOf('inclusive-gateway.bpmn');
    expect(graph.nodes['which-opinions']).toMatchObject({ kind: 'inclusiveGateway', defaultFlowId: 'no-opinion', outgoing: ['to-roads', 'to-heritage', 'no-opinion'] });
    expect(graph.nodes['opinions-in']).toMatchObject({ kind: 'inclusiveGateway', incoming: ['no-opinion', 'roads-in', 'heritage-in'] });
    expect(graph.flows['to-roads']).toMatchObject({ condition: 'surVoiePublique' });
  });

  it('refuses an inclusive split flow without condition, and a default flow that does not leave the gateway', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-inclusive.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errorsOf(diagnostics, ['gateway-conditions'])).toEqual(['gateway-conditions to-b', 'gateway-conditions split']);
    expect(diagnostics[0]!.message.en).toMatch(/inclusive gateway/);
  });

  it('accepts signal catch events and receive tasks after an event-based gateway', async () => {
    const graph = await graphOf('event-gateway-waits.bpmn');
    expect(graph.nodes['first-of']).toMatchObject({ kind: 'eventBasedGateway', outgoing: ['to-closure', 'to-document'] });
  });
});

describe('walking scopes', () => {
  it('enters a subprocess at its start events and event subprocesses, and leaves it by its flows when its content ends', async () => {
    const graph = await graphOf('event-subprocess.bpmn');
    const next = (id: string) => successors(graph, graph.nodes[id]!);
    expect(next('instruction')).toEqual(['instruction-start', 'on-escalation']);
    expect(next('instruction-end')).toEqual(['end']);
    // An event subprocess leads to its start event; its end completes the enclosing subprocess.
    expect(next('on-escalation')).toEqual(['escalation-start']);
    expect(next('informed')).toEqual(['end']);
    // At the process level an end event leads nowhere.
    expect(next('end')).toEqual([]);
    expect(next('reminded')).toEqual([]);
    expect(reachable(graph, ['start']).has('inform-head')).toBe(true);
  });

  it('follows a link throw event to its catch event, and an error end event to no flow of its subprocess', async () => {
    const links = await graphOf('link-events.bpmn');
    expect(successors(links, links.nodes['go-to-review']!)).toEqual(['review-link']);
    const errors = await graphOf('end-error.bpmn');
    expect(successors(errors, errors.nodes.missing!)).toEqual([]);
    expect(successors(errors, errors.nodes.checked!)).toEqual(['end']);
    expect(successors(errors, errors.nodes.check!)).toEqual(['check-start', 'on-missing']);
  });

  it('reports elements of a subprocess unreachable from its own start, and reaches event subprocesses and message starts', async () => {
    const invalid = await compile(fixture('invalid-subprocess.bpmn'), { catalog });
    expect(errorsOf(invalid.diagnostics, ['element-reachable'])).toEqual(['element-reachable stranded', 'element-reachable second-start']);
    // Every event subprocess and everything in them is reachable; so is what follows a message start.
    await graphOf('event-subprocess.bpmn');
    await graphOf('start-timer.bpmn');
  });
});

describe('graph references', () => {
  it('refers only to nodes and flows it has, in every valid element fixture', async () => {
    const valid = readdirSync(path.join(__dirname, '../fixtures/bpmn/elements')).filter((name) => !name.startsWith('invalid-'));
    expect(valid.length).toBeGreaterThan(15);
    for (const name of valid) {
      const graph = await graphOf(name);
      const isNode = (id: string) => graph.nodes[id] !== undefined;
      const ids: string[] = [...graph.startNodeIds, ...(graph.eventSubProcessIds ?? [])];
      for (const node of Object.values(graph.nodes)) {
        for (const flowId of [...node.incoming, ...node.outgoing]) expect(graph.flows[flowId]).toBeDefined();
        if (node.scopeId !== undefined) expect(['subProcess', 'eventSubProcess']).toContain(graph.nodes[node.scopeId]?.kind);
        if ('boundaryEventIds' in node) ids.push(...(node.boundaryEventIds ?? []));
        if (node.kind === 'subProcess') ids.push(...node.startNodeIds, ...node.eventSubProcessIds);
        if (node.kind === 'eventSubProcess') ids.push(node.startNodeId);
        if (node.kind === 'boundaryEvent') ids.push(node.attachedToId);
        if (node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') {
          if (node.defaultFlowId !== undefined) expect(node.outgoing).toContain(node.defaultFlowId);
        }
      }
      for (const flow of Object.values(graph.flows)) {
        expect(graph.nodes[flow.sourceId]!.outgoing).toContain(flow.id);
        expect(graph.nodes[flow.targetId]!.incoming).toContain(flow.id);
      }
      expect(ids.filter((id) => !isNode(id))).toEqual([]);
    }
  });
});
