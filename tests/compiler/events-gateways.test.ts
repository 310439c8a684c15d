/**
 * Compiling parallel and event-based gateways, timer and message catch events, receive tasks,
 * boundary events and terminate end events: the graph they give, and the diagnostics of the
 * rules that guard them (gateway-conditions, parallel-join-after-exclusive, timer-invalid,
 * message-correlation, event-gateway-targets, boundary-event-host).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilerCatalog } from '../../activities/catalog';
import { compile, type Diagnostic, type ProcessGraph } from '../../compiler';
import { addIsoDuration, parseIsoCycle, parseIsoDateTime, parseIsoDuration } from '../../compiler/elements/iso8601';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/bpmn', name), 'utf8');
const catalog = compilerCatalog();

function errors(diagnostics: Diagnostic[]) {
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.elementId}`);
}

async function graphOf(name: string): Promise<ProcessGraph> {
  const { graph, diagnostics } = await compile(fixture(name), { catalog });
  expect(errors(diagnostics)).toEqual([]);
  return graph!;
}

describe('parallel gateway', () => {
  it('compiles a fork and a join', async () => {
    const graph = await graphOf('parallel-fork-join.bpmn');
    expect(graph.nodes.fork).toMatchObject({ kind: 'parallelGateway', incoming: ['to-fork'], outgoing: ['to-check', 'to-review'] });
    expect(graph.nodes.join).toMatchObject({ kind: 'parallelGateway', incoming: ['check-done', 'review-done'], outgoing: ['to-decide'] });
  });

  it('refuses a condition on a flow leaving a parallel gateway', async () => {
    const { graph, diagnostics } = await compile(fixture('parallel-invalid-condition.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errors(diagnostics)).toEqual(['gateway-conditions conditional']);
    expect(diagnostics[0]!.message.en).toMatch(/parallel gateway takes all/);
  });

  it('refuses a parallel join that only one exclusive choice feeds (deadlock), and nothing else', async () => {
    const { graph, diagnostics } = await compile(fixture('parallel-join-after-exclusive.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errors(diagnostics)).toEqual(['parallel-join-after-exclusive wrong-join']);
    expect(diagnostics[0]!.message.fr).toMatch(/Urgent \?/);
    expect(diagnostics[0]!.hint.en).toMatch(/exclusive gateway/);
    // Joins fed by a fork, by merges, or through a loop are fine.
    for (const name of ['parallel-fork-join.bpmn', 'parallel-loop.bpmn', 'parallel-waves.bpmn', 'terminate-end.bpmn']) await graphOf(name);
  });
});

describe('timer events', () => {
  it('compiles literal and FEEL timers of each kind', async () => {
    const graph = await graphOf('timer-catch.bpmn');
    expect(graph.nodes['wait-literal']).toMatchObject({ kind: 'timerCatchEvent', timer: { type: 'duration', value: { value: 'PT1S' } } });
    expect(graph.nodes['wait-feel']).toMatchObject({ kind: 'timerCatchEvent', timer: { type: 'duration', value: { feel: 'duration(delay)' } } });
    expect(graph.nodes['wait-date']).toMatchObject({ kind: 'timerCatchEvent', timer: { type: 'date', value: { feel: 'now() + duration("PT1S")' } } });
  });

  it('names each timer that is not valid ISO 8601, or a cycle where none can repeat', async () => {
    const { graph, diagnostics } = await compile(fixture('timer-invalid.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errors(diagnostics).sort()).toEqual(
      [
        'timer-invalid words',
        'timer-invalid bad-date',
        'timer-invalid no-offset',
        'timer-invalid cycle-here',
        'timer-invalid empty-timer',
        'timer-invalid bad-cycle',
        'feel-syntax bad-feel',
      ].sort(),
    );
    const words = diagnostics.find((d) => d.elementId === 'words')!;
    expect(words.message.fr).toMatch(/15 minutes/);
    expect(words.hint.fr).toMatch(/PT15M/);
  });
});

describe('boundary events', () => {
  it('lists boundary events on their task, interrupting by default', async () => {
    const graph = await graphOf('boundary-timer-user-task.bpmn');
    expect(graph.nodes.instruct).toMatchObject({ kind: 'userTask', boundaryEventIds: ['legal-delay', 'reminder'] });
    expect(graph.nodes['legal-delay']).toMatchObject({
      kind: 'boundaryEvent',
      attachedToId: 'instruct',
      cancelActivity: true,
      incoming: [],
      outgoing: ['delay-over'],
      trigger: { type: 'timer', timer: { type: 'duration', value: { feel: 'legalDelay' } } },
    });
    expect(graph.nodes.reminder).toMatchObject({ cancelActivity: false, trigger: { type: 'timer', timer: { type: 'cycle' } } });
    // What a boundary event leads to is reachable.
    expect(graph.nodes.remind).toBeDefined();
  });

  it('refuses a boundary event on something else than an activity, and a signal event without a signal', async () => {
    const { graph, diagnostics } = await compile(fixture('boundary-invalid.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errors(diagnostics).sort()).toEqual(['boundary-event-host on-gateway', 'signal-name-required signal-boundary']);
  });
});

describe('message events and receive tasks', () => {
  it('compiles the message name and its FEEL correlation key', async () => {
    const graph = await graphOf('message-catch.bpmn');
    expect(graph.nodes['wait-document']).toMatchObject({
      kind: 'receiveTask',
      message: { name: { value: 'piece-recue' }, correlationKey: { feel: 'caseNumber' } },
      outputs: [{ source: { feel: 'fileName' }, target: 'document' }],
    });
    expect(graph.nodes['wait-signature']).toMatchObject({ kind: 'messageCatchEvent', message: { name: { value: 'signature-recue' } } });
  });

  it('refuses a message without a name or a correlation key', async () => {
    const { graph, diagnostics } = await compile(fixture('message-invalid.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errors(diagnostics)).toEqual(['message-correlation no-key', 'message-correlation no-message', 'message-correlation no-message']);
    expect(diagnostics[0]!.hint.en).toMatch(/correlationKey/);
  });
});

describe('terminate end event and event-based gateway', () => {
  it('compiles terminate end events', async () => {
    const graph = await graphOf('terminate-end.bpmn');
    expect(graph.nodes.withdrawn).toMatchObject({ kind: 'terminateEndEvent', name: 'Demande retirée' });
    expect(graph.nodes['wait-withdrawal']).toMatchObject({ kind: 'receiveTask' });
  });

  it('compiles an event-based gateway followed by catch events', async () => {
    const graph = await graphOf('event-gateway.bpmn');
    expect(graph.nodes['answer-or-delay']).toMatchObject({ kind: 'eventBasedGateway', outgoing: ['to-answer', 'to-delay'] });
  });

  it('refuses an event-based gateway leading to a task, or with a single flow', async () => {
    const { graph, diagnostics } = await compile(fixture('event-gateway-invalid.bpmn'), { catalog });
    expect(graph).toBeUndefined();
    expect(errors(diagnostics)).toEqual(['event-gateway-targets to-task', 'event-gateway-targets lonely']);
  });

  it('still refuses the event definitions it does not run, naming the element', async () => {
    const xml = fixture('terminate-end.bpmn').replace('<bpmn:terminateEventDefinition id="withdrawn-terminate" />', '<bpmn:compensateEventDefinition id="compensate" />');
    const { diagnostics } = await compile(xml, { catalog });
    expect(errors(diagnostics)).toEqual(['unsupported-element withdrawn']);
  });
});

describe('ISO 8601 timer values', () => {
  it('reads durations', () => {
    expect(parseIsoDuration('PT15M')).toMatchObject({ minutes: 15, hours: 0, days: 0 });
    expect(parseIsoDuration('P10D')).toMatchObject({ days: 10 });
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5 });
    expect(parseIsoDuration(' PT1S ')).toMatchObject({ seconds: 1 });
    for (const bad of ['', 'P', 'PT', '15M', 'PT15', 'P1.5D', '-PT1S', 'P1DT', '15 minutes']) expect(parseIsoDuration(bad)).toBeUndefined();
  });

  it('reads date-times with an offset only', () => {
    expect(parseIsoDateTime('2026-03-01T09:00:00+01:00')).toBe(Date.UTC(2026, 2, 1, 8));
    expect(parseIsoDateTime('2026-03-01T09:00:00Z')).toBe(Date.UTC(2026, 2, 1, 9));
    expect(parseIsoDateTime('2026-03-01T09:00:00.250Z')).toBe(Date.UTC(2026, 2, 1, 9, 0, 0, 250));
    expect(parseIsoDateTime('2026-03-01T09:00:00+01:00[Europe/Paris]')).toBe(Date.UTC(2026, 2, 1, 8));
    for (const bad of ['2026-03-01T09:00:00', '2026-02-30T09:00:00Z', '2026-13-01T09:00:00Z', '2026-03-01', 'tomorrow']) expect(parseIsoDateTime(bad)).toBeUndefined();
  });

  it('reads cycles R<n>/<duration>', () => {
    expect(parseIsoCycle('R3/PT1H')).toEqual({ repetitions: 3, interval: expect.objectContaining({ hours: 1 }) });
    expect(parseIsoCycle('R/P1D')).toEqual({ interval: expect.objectContaining({ days: 1 }) });
    for (const bad of ['R0/PT1H', 'R3/PT0S', 'PT1H', 'R3/2026-01-01T00:00:00Z/PT1H', '0 0 9 * * ?']) expect(parseIsoCycle(bad)).toBeUndefined();
  });

  it('adds months on the calendar and the rest in fixed time', () => {
    const january31 = Date.UTC(2026, 0, 31, 12);
    expect(addIsoDuration(january31, parseIsoDuration('P1M')!)).toBe(Date.UTC(2026, 2, 3, 12));
    expect(addIsoDuration(january31, parseIsoDuration('P1Y')!)).toBe(Date.UTC(2027, 0, 31, 12));
    expect(addIsoDuration(january31, parseIsoDuration('P1DT1H30M')!)).toBe(Date.UTC(2026, 1, 1, 13, 30));
  });
});
