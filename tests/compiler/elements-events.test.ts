/**
 * Compiling events: message, timer and signal start events; error, escalation, message and
 * signal end events; none, message, signal, escalation and link throw events; signal and link
 * catch events; error, signal and escalation boundary events; and the diagnostics of events
 * that cannot run as drawn.
 */
import { compile } from '../../compiler';
import { catalog, errorsOf, fixture, graphOf } from './elements-support';

describe('start events', () => {
  it('compiles a message start event beside a none start event; only the none one starts new instances by default', async () => {
    const graph = await graphOf('start-message.bpmn');
    expect(graph.startNodeIds).toEqual(['at-counter']);
    // A process-level message start needs no correlation key: it creates the instance.
    expect(graph.nodes.filed).toEqual({
      id: 'filed',
      name: 'Demande déposée',
      kind: 'startEvent',
      incoming: [],
      outgoing: ['f1'],
      inputs: [],
      outputs: [],
      trigger: { type: 'message', message: { name: { value: 'demande-deposee' }, correlationKey: { value: '' } } },
    });
    expect(graph.nodes.filed).not.toHaveProperty('interrupting');
  });

  it('compiles timer start events with a cycle, a date and a duration', async () => {
    const graph = await graphOf('start-timer.bpmn');
    expect(graph.startNodeIds).toEqual([]);
    expect(graph.nodes['every-day']).toMatchObject({ kind: 'startEvent', trigger: { type: 'timer', timer: { type: 'cycle', value: { value: 'R/P1D' } } } });
    expect(graph.nodes['on-date']).toMatchObject({ trigger: { type: 'timer', timer: { type: 'date', value: { value: '2027-03-01T09:00:00+01:00' } } } });
    expect(graph.nodes['after-deploy']).toMatchObject({ trigger: { type: 'timer', timer: { type: 'duration', value: { value: 'PT1H' } } } });
    expect(graph.nodes.remind).toMatchObject({ kind: 'passThroughTask', incoming: ['f1', 'f2', 'f3'] });
  });

  it('compiles a signal start event', async () => {
    const graph = await graphOf('start-signal.bpmn');
    expect(graph.nodes.heatwave).toMatchObject({ kind: 'startEvent', trigger: { type: 'signal', signal: { name: { value: 'alerte-canicule' } } } });
    // Start signals are subscribed to when deployed: their name cannot depend on variables.
    const dynamic = await compile(fixture('start-signal.bpmn').replace('name="alerte-canicule"', 'name="=alerte"'), { catalog });
    expect(errorsOf(dynamic.diagnostics, ['signal-name-required'])).toEqual(['signal-name-required heatwave']);
  });
});

describe('end and throw events', () => {
  it('compiles an error end event with its code, caught by an error boundary event', async () => {
    const graph = await graphOf('end-error.bpmn');
    expect(graph.nodes.missing).toMatchObject({ kind: 'errorEndEvent', errorCode: 'PIECE_MANQUANTE', scopeId: 'check' });
    expect(graph.nodes['on-missing']).toMatchObject({
      kind: 'boundaryEvent',
      attachedToId: 'check',
      cancelActivity: true,
      trigger: { type: 'error', errorCode: 'PIECE_MANQUANTE' },
    });
    expect(graph.nodes.check).toMatchObject({ kind: 'subProcess', boundaryEventIds: ['on-missing'] });
  });

  it('compiles escalation throw and end events, and escalation boundary events with and without a code', async () => {
    const graph = await graphOf('end-escalation.bpmn');
    expect(graph.nodes.warn).toMatchObject({ kind: 'escalationThrowEvent', escalationCode: 'RETARD', end: false, outgoing: ['s2'] });
    expect(graph.nodes['give-up']).toMatchObject({ kind: 'escalationThrowEvent', escalationCode: 'ABANDON', end: true });
    expect(graph.nodes['on-late']).toMatchObject({ cancelActivity: false, trigger: { type: 'escalation', escalationCode: 'RETARD' } });
    // Without a code, it catches every escalation (Camunda's catch-all).
    expect(graph.nodes['on-any']).toMatchObject({ cancelActivity: true, trigger: { type: 'escalation' } });
    expect((graph.nodes['on-any'] as { trigger: object }).trigger).not.toHaveProperty('escalationCode');
  });

  it('compiles message throw and end events as jobs, like service tasks', async () => {
    const graph = await graphOf('message-throw.bpmn');
    expect(graph.nodes.acknowledge).toMatchObject({
      kind: 'serviceTask',
      element: 'messageThrowEvent',
      taskType: 'courrier.accuse',
      retries: 2,
      headers: { template: 'accuse' },
      external: true,
      outgoing: ['f2'],
    });
    expect(graph.nodes.notify).toMatchObject({ kind: 'serviceTask', element: 'messageEndEvent', taskType: 'courrier.decision', retries: 3, outgoing: [] });
  });

  it('compiles signal throw, catch, boundary and end events; a signal name may be FEEL', async () => {
    const graph = await graphOf('signal-events.bpmn');
    expect(graph.nodes.announce).toMatchObject({ kind: 'signalThrowEvent', signal: { name: { value: 'fermeture' } }, end: false });
    expect(graph.nodes['wait-reopening']).toMatchObject({ kind: 'signalCatchEvent', signal: { name: { value: 'reouverture' } } });
    expect(graph.nodes['on-strike']).toMatchObject({ kind: 'boundaryEvent', cancelActivity: false, trigger: { type: 'signal', signal: { name: { value: 'greve' } } } });
    expect(graph.nodes.done).toMatchObject({ kind: 'signalThrowEvent', signal: { name: { feel: '"fin-" + service' } }, end: true });
  });

  it('joins link events by a synthetic flow, and compiles none intermediate throw events', async () => {
    const graph = await graphOf('link-events.bpmn');
    expect(graph.nodes['go-to-review']).toMatchObject({ kind: 'linkThrowEvent', outgoing: ['link:go-to-review'] });
    expect(graph.nodes['review-link']).toMatchObject({ kind: 'linkCatchEvent', incoming: ['link:go-to-review'], outgoing: ['f2'] });
    expect(graph.flows['link:go-to-review']).toEqual({ id: 'link:go-to-review', sourceId: 'go-to-review', targetId: 'review-link', link: true });
    expect(graph.nodes.milestone).toMatchObject({ kind: 'intermediateThrowEvent', incoming: ['f2'], outgoing: ['f3'] });
  });
});

describe('events that cannot run as drawn', () => {
  it('names each event with a missing code or signal, or a trigger where none can be', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-events.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    const rules = ['start-event-trigger', 'escalation-code-required', 'error-code-required', 'error-event-interrupting', 'signal-name-required'];
    expect(errorsOf(diagnostics, rules).sort()).toEqual(
      [
        'start-event-trigger error-start',
        'start-event-trigger timer-inside',
        'escalation-code-required escalate-no-code',
        'error-code-required error-no-code',
        'error-event-interrupting soft-error',
        'signal-name-required no-signal',
      ].sort(),
    );
    for (const d of diagnostics) {
      expect(d.message.fr).not.toEqual('');
      expect(d.hint.en).not.toEqual('');
    }
    expect(diagnostics.find((d) => d.elementId === 'error-no-code')!.hint.en).toMatch(/bpmn:error/);
  });

  it('refuses FEEL error and escalation codes, which catch events could not match', async () => {
    const xml = fixture('end-error.bpmn').replace('errorCode="PIECE_MANQUANTE"', 'errorCode="=codeErreur"');
    const errorCode = await compile(xml, { catalog });
    expect(errorsOf(errorCode.diagnostics, ['unsupported-element'])).toEqual(['unsupported-element missing']);
    expect(errorCode.diagnostics[0]!.hint.en).toMatch(/fixed code/);
    const escalation = await compile(fixture('end-escalation.bpmn').replace('escalationCode="RETARD"', 'escalationCode="=code"'), { catalog });
    expect(errorsOf(escalation.diagnostics, ['unsupported-element'])).toEqual(['unsupported-element warn']);
  });

  it('checks message starts and timer cycles by where the event is', async () => {
    const { diagnostics } = await compile(fixture('invalid-events.bpmn'), { catalog });
    // A process message start needs a fixed name; an event subprocess one needs a key too.
    expect(errorsOf(diagnostics, ['message-correlation', 'timer-invalid'])).toEqual([
      'timer-invalid cycle-interrupting',
      'message-correlation dynamic-message-start',
      'message-correlation keyless-start',
    ]);
    expect(diagnostics.find((d) => d.elementId === 'keyless-start')!.message.en).toMatch(/correlation key/);
  });

  it('refuses link throw events without exactly one catch event of their name in their scope', async () => {
    const { graph, diagnostics } = await compile(fixture('invalid-links.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errorsOf(diagnostics, ['link-event-target'])).toEqual([
      'link-event-target twice-b',
      'link-event-target to-nowhere',
      'link-event-target nameless',
      // A link does not cross a subprocess's border.
      'link-event-target to-outer',
    ]);
  });

  it('refuses compensation and conditional events, saying what to draw instead', async () => {
    const { diagnostics } = await compile(fixture('invalid-unsupported.bpmn'), { catalog });
    const undo = diagnostics.find((d) => d.elementId === 'undo')!;
    expect(undo).toMatchObject({ ruleId: 'unsupported-element', severity: 'error' });
    expect(undo.message.en).toMatch(/CompensateEventDefinition/);
    expect(undo.hint.en).toMatch(/Compensation is not supported/);
    expect(diagnostics.find((d) => d.elementId === 'when-paid')).toMatchObject({ ruleId: 'unsupported-element', hint: { en: expect.stringMatching(/timer, message, signal or link/) } });
  });
});
