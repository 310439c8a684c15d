/**
 * Notifications end to end, against a real local SMTP server (smtp-server): the built-in
 * `rouage.notify` task, the opt-in "new task" message, the outbox (admins read it; failures are
 * retried later), and escalation: a non-interrupting PT2S boundary timer on a user task
 * notifies the supervisor while the task stays open.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';
import { deliverDue, startOutboxSender, type OutboxSender } from '../../activities/notifications/sender';
import { OutboxModel, TaskModel } from '../../platform/storage';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { startInboxApi, type InboxApi } from './tasks-support';

interface ReceivedMail {
  to: string[];
  raw: string;
  text: string;
}

/** The raw message made readable: headers' encoded words joined and decoded, the quoted-printable body decoded. */
function readable(raw: string): string {
  const bytes = (text: string) => Buffer.from(text.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw
    .slice(0, split)
    .replace(/\?=\r?\n\s+=\?UTF-8\?Q\?/gi, '')
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_m, word: string) => bytes(word.replace(/_/g, ' ')));
  return `${headers}\n\n${bytes(raw.slice(split).replace(/=\r?\n/g, ''))}`;
}

const ns = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

const noticeProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${ns} id="Defs_notice">
  <bpmn:process id="avis-par-courriel" isExecutable="true">
    <bpmn:startEvent id="debut" />
    <bpmn:serviceTask id="prevenir" name="Prévenir">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="rouage.notify" />
        <zeebe:ioMapping>
          <zeebe:input source="=destinataires" target="to" />
          <zeebe:input source="=&quot;Dossier &quot; + dossier" target="subject" />
          <zeebe:input source="=&quot;Le dossier &quot; + dossier + &quot; attend votre avis.&quot;" target="body" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="fin" />
    <bpmn:sequenceFlow id="f1" sourceRef="debut" targetRef="prevenir" />
    <bpmn:sequenceFlow id="f2" sourceRef="prevenir" targetRef="fin" />
  </bpmn:process>
</bpmn:definitions>`;

const escalationProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${ns} id="Defs_escalation">
  <bpmn:process id="instruction-relancee" isExecutable="true">
    <bpmn:startEvent id="debut" />
    <bpmn:userTask id="instruire" name="Instruire la demande">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="group-a" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="retard" name="Retard" attachedToRef="instruire" cancelActivity="false">
      <bpmn:timerEventDefinition id="retard-timer"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT2S</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="alerter" name="Alerter le superviseur">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="rouage.notify" />
        <zeebe:ioMapping>
          <zeebe:input source="=&quot;supervisor&quot;" target="to" />
          <zeebe:input source="=&quot;Retard sur &quot; + dossier" target="subject" />
          <zeebe:input source="=&quot;La tache d instruction de &quot; + dossier + &quot; est en retard.&quot;" target="body" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="alerte" />
    <bpmn:endEvent id="fin" />
    <bpmn:sequenceFlow id="f1" sourceRef="debut" targetRef="instruire" />
    <bpmn:sequenceFlow id="f2" sourceRef="instruire" targetRef="fin" />
    <bpmn:sequenceFlow id="f3" sourceRef="retard" targetRef="alerter" />
    <bpmn:sequenceFlow id="f4" sourceRef="alerter" targetRef="alerte" />
  </bpmn:process>
</bpmn:definitions>`;

describe('notifications: outbox, SMTP sender, rouage.notify, escalation', () => {
  let platform: TestPlatform;
  let api: InboxApi;
  let smtp: SMTPServer;
  let smtpUrl: string;
  let sender: OutboxSender;
  const received: ReceivedMail[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).sort(), raw, text: readable(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    platform = await startTestPlatform();
    api = await startInboxApi(platform);
    for (const who of ['admin', 'owner', 'supervisor', 'agent-a', 'agent-b']) tokens[who] = await api.login(who);
    sender = startOutboxSender({ smtpUrl, from: 'Rouage <rouage@test.localhost>', appUrl: 'https://rouage.example.fr', intervalMs: 200 });
  });
  afterAll(async () => {
    await sender?.stop();
    await api?.close();
    await platform?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const mailTo = (address: string, containing: string) =>
    eventually(async () => received.find((mail) => mail.to.includes(address) && mail.text.includes(containing)), `a mail to ${address} with "${containing}"`);

  it('lets each user set an address and opt in; admins read the outbox, others may not', async () => {
    expect((await api.request('GET', '/api/v1/notifications/settings', { token: tokens['agent-a'] })).body).toEqual({ email: null, taskCreated: false });
    expect((await api.request('PUT', '/api/v1/notifications/settings', { token: tokens['agent-a'], json: { email: 'pas une adresse', taskCreated: true } })).status).toBe(400);
    for (const [who, email, taskCreated] of [
      ['agent-a', 'agent.a@mairie.example.fr', true],
      ['agent-b', 'agent.b@mairie.example.fr', false],
      ['supervisor', 'chef@mairie.example.fr', false],
    ] as const) {
      expect((await api.request('PUT', '/api/v1/notifications/settings', { token: tokens[who], json: { email, taskCreated } })).body).toEqual({ email, taskCreated });
    }
    expect((await api.request('GET', '/api/v1/notifications/outbox', { token: tokens['agent-a'] })).status).toBe(403);
    expect((await api.request('GET', '/api/v1/notifications/outbox', { token: tokens.admin })).body).toMatchObject({ smtpConfigured: false, items: [] });
  });

  it('runs rouage.notify as a catalog task (no "external" warning) that mails users, groups and addresses', async () => {
    const deployed = await api.request('POST', '/api/v1/processes', { token: tokens.owner, json: { bpmnXml: noticeProcess } });
    expect(deployed.status).toBe(201);
    expect(deployed.body.diagnostics).toEqual([]);
    const started = await api.request('POST', '/api/v1/processes/avis-par-courriel/instances', {
      token: tokens.owner,
      json: { variables: { dossier: 'DOS-42', destinataires: 'agent-a, group-b, Juriste@Example.fr, group-vide' } },
    });
    const mail = await mailTo('agent.a@mairie.example.fr', 'Le dossier DOS-42 attend votre avis.');
    expect(mail.to).toEqual(['agent.a@mairie.example.fr', 'agent.b@mairie.example.fr', 'juriste@example.fr']);
    expect(mail.text).toContain('Subject: Dossier DOS-42');
    const instance = await eventually(async () => {
      const view = await api.request('GET', `/api/v1/instances/${encodeURIComponent(started.body.instanceId)}`, { token: tokens.owner });
      return view.body.status === 'completed' ? view.body : undefined;
    }, 'the instance to end');
    expect(instance.variables.notification).toMatchObject({ to: mail.to, unreachable: ['group-vide'] });
    const outbox = await api.request('GET', '/api/v1/notifications/outbox?state=sent', { token: tokens.admin });
    expect(outbox.body.items).toEqual([expect.objectContaining({ kind: 'notice', subject: 'Dossier DOS-42', unreachable: ['group-vide'], state: 'sent', attempts: 1 })]);
  });

  it('tells the candidates who opted in that a task was created, with a link to it', async () => {
    await api.request('POST', '/api/v1/processes', { token: tokens.owner, json: { bpmnXml: escalationProcess } });
    const started = await api.request('POST', '/api/v1/processes/instruction-relancee/instances', { token: tokens.owner, json: { variables: { dossier: 'DOS-7' } } });
    const task = await eventually(async () => (await TaskModel.findOne({ instanceId: started.body.instanceId }).lean()) ?? undefined, 'the task');
    const mail = await mailTo('agent.a@mairie.example.fr', 'Nouvelle tâche : Instruire la demande');
    expect(mail.to).toEqual(['agent.a@mairie.example.fr']); // agent-b is in another group; nobody else opted in
    expect(mail.text).toContain(`https://rouage.example.fr/taches?tache=${encodeURIComponent(task._id)}`);

    // Escalation: 2 s later the boundary timer fires and the supervisor is told; the task stays open.
    const notice = await mailTo('chef@mairie.example.fr', 'Retard sur DOS-7');
    expect(notice.text).toContain('La tache d instruction de DOS-7 est en retard.');
    expect(await TaskModel.findById(task._id).lean()).toMatchObject({ state: 'created' });
    const completed = await api.request('POST', `/api/v1/tasks/${encodeURIComponent(task._id)}/complete`, { token: tokens['agent-a'], json: { variables: {} } });
    expect(completed.status).toBe(200);
  });

  it('keeps a message the SMTP server refuses, and tries it again later', async () => {
    await sender.stop();
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(_address, _session, callback) {
        callback(new Error('mailbox unavailable'));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const transport = nodemailer.createTransport(`smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`);
    try {
      await OutboxModel.create({ _id: 'test:refused', kind: 'notice', to: ['x@example.fr'], subject: 'Essai', body: 'Essai', nextAttemptAt: new Date() });
      expect(await deliverDue(transport, { from: 'rouage@test.localhost', appUrl: 'http://localhost' })).toBe(0);
      const kept = await OutboxModel.findById('test:refused').lean();
      expect(kept).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('mailbox unavailable') });
      expect(kept!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5000);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
