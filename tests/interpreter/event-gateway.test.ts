/**
 * Event-based gateway: the first of its timer and message catch events wins, the others are
 * withdrawn (the timer canceled, the subscription removed), and the winner does not wait again.
 */
import { MessageSubscriptionModel } from '../../platform/storage';
import { eventually, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('event-based gateway', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    await p.deploy('event-gateway.bpmn');
  });
  afterAll(async () => {
    await p.stop();
  });

  it('takes the message path when the answer comes first, and cancels the timer', async () => {
    const instanceId = await p.start('event-gateway', { caseNumber: 'E-1', answerDelay: 'PT1M' });
    await eventually(async () => ((await MessageSubscriptionModel.countDocuments({ instanceId, name: 'reponse-demandeur' })) === 1 ? true : undefined), 'the subscription');
    // The gateway's token shows both waits: the timer's due date and the message.
    const waiting = await p.waitFor(instanceId, (v) => v.activeElements.some((a) => a.elementId === 'answer-or-delay' && a.timerDueAt && a.message), 'both waits shown');
    const gateway = waiting.activeElements.find((a) => a.elementId === 'answer-or-delay')!;
    expect(Date.parse(gateway.timerDueAt!) - Date.parse(gateway.since)).toBe(60_000);
    expect(gateway.message).toEqual({ name: 'reponse-demandeur', correlationKey: 'E-1' });
    const published = await p.publish({ name: 'reponse-demandeur', correlationKey: 'E-1', variables: { response: 'pièce jointe', other: 1 } });
    expect(published.body).toMatchObject({ correlated: 1 });

    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'answer-or-delay', 'answer', 'answered']);
    expect(done.variables).toEqual({ caseNumber: 'E-1', answerDelay: 'PT1M', answer: 'pièce jointe' });
    const events = (await p.platform.temporal.workflow.getHandle(instanceId).fetchHistory()).events ?? [];
    expect(events.filter((e) => e.timerCanceledEventAttributes)).toHaveLength(1);
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
  });

  it('takes the timer path when no answer comes in time, and withdraws the subscription', async () => {
    const instanceId = await p.start('event-gateway', { caseNumber: 'E-2', answerDelay: 'PT1S' });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'answer-or-delay', 'delay', 'closed-without-answer']);
    expect(done.variables.answer).toBeUndefined();
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
    // A late answer finds nobody waiting.
    const late = await p.publish({ name: 'reponse-demandeur', correlationKey: 'E-2', timeToLiveSeconds: 0 });
    expect(late.body).toMatchObject({ correlated: 0 });
  });
});
