/**
 * Message catch events and receive tasks: POST /api/v1/messages correlates by name and
 * correlation key (FEEL, evaluated when the token arrives) with waiting instances through a
 * Signal; a message published before anyone waits is buffered until its time to live; its
 * variables become process variables (through output mappings when present).
 */
import { deliverMessageSignal } from '../../workflows/definitions';
import { MessageModel, MessageSubscriptionModel, TaskModel } from '../../platform/storage';
import { countIn, eventually, pathIds, startInterpreterPlatform, type InterpreterPlatform } from './support';

describe('message catch events and receive tasks', () => {
  let p: InterpreterPlatform;

  beforeAll(async () => {
    p = await startInterpreterPlatform();
    await p.deploy('message-catch.bpmn');
    await p.deploy('message-boundary.bpmn');
  });
  afterAll(async () => {
    await p.stop();
  });

  const waitingAt = (instanceId: string, elementId: string) =>
    p.waitFor(instanceId, (v) => v.activeElements.some((a) => a.elementId === elementId && a.message !== undefined), `a token waiting at ${elementId}`);

  it('delivers to the waiting instance, and buffers a message published before the token waits', async () => {
    const instanceId = await p.start('message-catch', { caseNumber: 'D-1' });
    // Published before the token reaches the signature event: kept for it.
    const early = await p.publish({ name: 'signature-recue', correlationKey: 'D-1', variables: { signedBy: 'maire' } });
    expect(early.status).toBe(202);
    expect(early.body).toMatchObject({ correlated: 0, buffered: true });

    const waiting = await waitingAt(instanceId, 'wait-document');
    expect(waiting.activeElements[0]!.message).toEqual({ name: 'piece-recue', correlationKey: 'D-1' });
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(1);

    const document = await p.publish({ name: 'piece-recue', correlationKey: 'D-1', variables: { fileName: 'avis.pdf', size: 1200 } });
    expect(document.status).toBe(202);
    expect(document.body).toMatchObject({ correlated: 1, buffered: true });

    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done)).toEqual(['start', 'wait-document', 'wait-signature', 'end']);
    // The receive task's output mapping takes what it wants; the catch event merges everything.
    expect(done.variables).toEqual({ caseNumber: 'D-1', document: 'avis.pdf', signedBy: 'maire' });
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
    const stored = await MessageModel.findById(early.body.messageId).lean();
    expect(stored?.correlatedInstances).toEqual([instanceId]);
  });

  it('ignores other correlation keys and expired messages', async () => {
    const expired = await p.publish({ name: 'piece-recue', correlationKey: 42, variables: { fileName: 'old.pdf' }, timeToLiveSeconds: 1 });
    expect(expired.body).toMatchObject({ correlated: 0, buffered: true });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // The correlation key is FEEL: a number gives "42".
    const instanceId = await p.start('message-catch', { caseNumber: 42 });
    await waitingAt(instanceId, 'wait-document');
    const other = await p.publish({ name: 'piece-recue', correlationKey: '43', variables: { fileName: 'wrong.pdf' } });
    expect(other.body).toMatchObject({ correlated: 0 });
    const renamed = await p.publish({ name: 'piece-manquante', correlationKey: '42' });
    expect(renamed.body).toMatchObject({ correlated: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const still = await p.instance(instanceId);
    expect(still.activeElements.map((a) => a.elementId)).toEqual(['wait-document']);
    expect(still.variables.document).toBeUndefined();

    const right = await p.publish({ name: 'piece-recue', correlationKey: 42, variables: { fileName: 'new.pdf' } });
    expect(right.body).toMatchObject({ correlated: 1 });
    const next = await waitingAt(instanceId, 'wait-signature');
    expect(next.variables.document).toBe('new.pdf');
  });

  it('delivers a message once to every instance waiting for it', async () => {
    const first = await p.start('message-catch', { caseNumber: 'D-5' });
    const second = await p.start('message-catch', { caseNumber: 'D-5' });
    await waitingAt(first, 'wait-document');
    await waitingAt(second, 'wait-document');

    const published = await p.publish({ name: 'piece-recue', correlationKey: 'D-5', variables: { fileName: 'commun.pdf' } });
    expect(published.body).toMatchObject({ correlated: 2 });
    for (const instanceId of [first, second]) {
      const view = await waitingAt(instanceId, 'wait-signature');
      expect(view.variables.document).toBe('commun.pdf');
    }
    const signature = await p.publish({ name: 'signature-recue', correlationKey: 'D-5', timeToLiveSeconds: 0 });
    expect(signature.body).toMatchObject({ correlated: 2, buffered: false });
    for (const instanceId of [first, second]) expect(pathIds(await p.waitForStatus(instanceId, 'completed'))).toEqual(['start', 'wait-document', 'wait-signature', 'end']);
    expect((await MessageModel.findById(published.body.messageId).lean())?.correlatedInstances.sort()).toEqual([first, second].sort());
  });

  it('runs message boundary events: each non-interrupting one starts a token, an interrupting one cancels the task', async () => {
    const instanceId = await p.start('message-boundary', { caseNumber: 'B-1' });
    const task = await p.openTask(instanceId, 'instruct');
    const subscriptions = async () => (await MessageSubscriptionModel.find({ instanceId }, { _id: 1 }).lean()).map((s) => s._id).sort();
    const listening = await eventually(async () => ((await subscriptions()).length === 2 ? subscriptions() : undefined), 'both boundary subscriptions');

    // The non-interrupting one keeps its subscription: three notes published at once, with no
    // time to live (often reaching the instance in one workflow task), all reach it.
    const notes = ['avis d’imposition', 'RIB', 'justificatif de domicile'];
    const published = await Promise.all(notes.map((note) => p.publish({ name: 'complement', correlationKey: 'B-1', variables: { note }, timeToLiveSeconds: 0 })));
    expect(published.map((response) => response.body.correlated)).toEqual([1, 1, 1]);
    // One token per note (their counts may overlap: two may read the same `infos`).
    const noted = await p.waitFor(instanceId, (v) => countIn(pathIds(v), 'info-noted') === 3, 'three notes handled');
    expect(notes).toContain(noted.variables.lastNote);
    expect(noted.activeElements.map((a) => a.elementId)).toEqual(['instruct']);
    expect(countIn(pathIds(noted), 'more-info')).toBe(3);
    expect(await subscriptions()).toEqual(listening); // the same records, never closed in between
    expect(noted.variables.note).toBeUndefined(); // the output mapping took only what it names

    expect((await p.publish({ name: 'desistement', correlationKey: 'B-1', timeToLiveSeconds: 0 })).body).toMatchObject({ correlated: 1 });
    const done = await p.waitForStatus(instanceId, 'completed');
    expect(pathIds(done).slice(-2)).toEqual(['withdrawal', 'withdrawn']);
    expect(done.path.find((s) => s.elementId === 'instruct')).toMatchObject({ canceled: true });
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ state: 'canceled' });
    expect(await MessageSubscriptionModel.countDocuments({ instanceId })).toBe(0);
  });

  it('keeps a message that reached the instance after its token stopped waiting, for the next token that waits (within its time to live)', async () => {
    // What the API does when the token leaves between its lookup and the delivery: the
    // message is counted as this instance's, so the instance must not drop it.
    const caseOf = new Map<string, string>();
    const deliverLate = async (instanceId: string, messageId: string, expiresInMs: number) =>
      p.platform.temporal.workflow.getHandle(instanceId).signal(deliverMessageSignal, {
        messageId,
        name: 'signature-recue',
        correlationKey: caseOf.get(instanceId)!,
        variables: { signedBy: messageId },
        expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
      });
    const stamp = Date.now();
    const kept = await p.start('message-catch', { caseNumber: `K-${stamp}` });
    const expired = await p.start('message-catch', { caseNumber: `X-${stamp}` });
    caseOf.set(kept, `K-${stamp}`).set(expired, `X-${stamp}`);
    for (const id of [kept, expired]) await p.waitFor(id, (v) => v.activeElements.some((a) => a.elementId === 'wait-document' && a.message), 'the document wait');
    await deliverLate(kept, `late-${kept}`, 3_600_000);
    await deliverLate(expired, `late-${expired}`, -1000);

    for (const id of [kept, expired]) {
      const response = await p.publish({ name: 'piece-recue', correlationKey: caseOf.get(id)!, variables: { fileName: 'b.pdf' } });
      expect(response.body).toMatchObject({ correlated: 1 });
    }
    const done = await p.waitForStatus(kept, 'completed');
    expect(done.variables).toMatchObject({ document: 'b.pdf', signedBy: `late-${kept}` });
    // The expired one was not taken: the token waits for a new signature.
    const waiting = await p.waitFor(expired, (v) => v.activeElements.some((a) => a.elementId === 'wait-signature' && a.message), 'the signature wait');
    expect(waiting.variables.signedBy).toBeUndefined();
  });

  it('accepts a message for nobody, and refuses a malformed or anonymous one', async () => {
    const nobody = await p.publish({ name: 'personne', correlationKey: 'X', timeToLiveSeconds: 0 });
    expect(nobody.status).toBe(202);
    expect(nobody.body).toMatchObject({ correlated: 0, buffered: false });

    const invalid = await p.publish({ name: '', correlationKey: 'X', timeToLiveSeconds: -1 } as never);
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'timeToLiveSeconds']);

    const anonymous = await p.platform.request('POST', '/api/v1/messages', { json: { name: 'piece-recue', correlationKey: 'D-1' } });
    expect(anonymous.status).toBe(401);
  });
});
