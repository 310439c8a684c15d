/**
 * The outbox sender: sends pending outbox messages through SMTP (nodemailer), retrying
 * failures with a growing delay. Runs in the worker process (see `startOutboxSender`); without
 * SMTP_URL it does not run and messages stay pending, for admins to read in the app.
 *
 * Several senders (worker replicas) may scan at once: each message is taken by inserting
 * nothing but a conditional `attempts` bump (state pending, attempts = n); FerretDB's updates
 * are not atomic, so two senders may rarely both send one message — an extra email, never a
 * lost one, which is the right side to err on for deadline notices.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { OutboxModel, type OutboxRecord } from '../../platform/storage';

export interface SenderOptions {
  smtpUrl: string;
  from: string;
  /** The web app, for "open the task" links. */
  appUrl: string;
  /** How often to look for pending messages. */
  intervalMs?: number;
}

/** After the n-th failed attempt, wait this long (capped): 10 s, 20 s, 40 s... up to 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}
const MAX_ATTEMPTS = 10;

function textOf(message: OutboxRecord, appUrl: string): string {
  if (!message.taskId) return message.body;
  const link = `${appUrl.replace(/\/$/, '')}/taches?tache=${encodeURIComponent(message.taskId)}`;
  return `${message.body}\n\nOuvrir la tâche : ${link}`;
}

/** Sends what is due; returns how many messages were sent. */
export async function deliverDue(transport: Transporter, options: Pick<SenderOptions, 'from' | 'appUrl'>, now = new Date()): Promise<number> {
  const due = await OutboxModel.find({ state: 'pending', nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(50).lean<OutboxRecord[]>();
  let sent = 0;
  for (const message of due) {
    const taken = await OutboxModel.updateOne({ _id: message._id, state: 'pending', attempts: message.attempts }, { $inc: { attempts: 1 } });
    if (taken.modifiedCount !== 1) continue; // another sender has it
    if (message.to.length === 0) {
      await OutboxModel.updateOne({ _id: message._id }, { $set: { state: 'failed', lastError: `no address for ${message.unreachable.join(', ') || 'anyone'}` } });
      continue;
    }
    try {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: textOf(message, options.appUrl) });
      await OutboxModel.updateOne({ _id: message._id }, { $set: { state: 'sent', sentAt: new Date(), lastError: null } });
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      await OutboxModel.updateOne(
        { _id: message._id },
        {
          $set: {
            lastError: error instanceof Error ? error.message : String(error),
            ...(attempts >= MAX_ATTEMPTS ? { state: 'failed' } : { nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)) }),
          },
        },
      );
    }
  }
  return sent;
}

export interface OutboxSender {
  /** Sends what is due now (tests, shutdown). */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/** Polls the outbox every `intervalMs` (default 1 s: notices are about deadlines) until stopped. */
export function startOutboxSender(options: SenderOptions): OutboxSender {
  const transport = nodemailer.createTransport(options.smtpUrl);
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    running = running.then(() =>
      deliverDue(transport, options).catch((error: unknown) => {
        console.error(`outbox: delivery failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      }),
    );
    return running;
  };
  const tick = async () => {
    await flush();
    if (!stopped) timer = setTimeout(() => void tick(), options.intervalMs ?? 1000);
  };
  timer = setTimeout(() => void tick(), 0);
  return {
    flush,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
