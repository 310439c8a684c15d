/**
 * The message registry on its own (no Temporal): a delivered message goes to the oldest idle
 * subscription for its name and key; when every one is busy, a listener's subscription queues
 * it (it came within its time to live, even with none left by the time it is handled); else
 * the instance keeps it for the next token that waits, within its time to live.
 */
import type { MessageDelivery } from '../../activities/contracts';
import { MessageRegistry } from '../../workflows/interpreter/messages';

const message = (messageId: string, expiresAt?: string): MessageDelivery => ({
  messageId,
  name: 'complement',
  correlationKey: 'B-1',
  variables: {},
  ...(expiresAt ? { expiresAt } : {}),
});

describe('message registry', () => {
  it('queues a message for a busy listener instead of keeping it where its time to live would drop it', () => {
    const registry = new MessageRegistry();
    const listener = registry.open('listener', 'complement', 'B-1');
    listener.backlog = [];
    const past = new Date(Date.now() - 1000).toISOString();
    expect(registry.deliver(message('m1', past))).toBe(true);
    expect(registry.deliver(message('m2', past))).toBe(true);
    expect(listener.delivery?.messageId).toBe('m1');
    expect(listener.backlog.map((m) => m.messageId)).toEqual(['m2']);
    expect(registry.hasUndelivered()).toBe(false);
    // A repeated delivery of a queued message changes nothing.
    expect(registry.deliver(message('m2', past))).toBe(true);
    expect(listener.backlog).toHaveLength(1);
  });

  it('keeps a message for a busy one-shot wait, and drops it once its time to live is over', () => {
    const registry = new MessageRegistry();
    const wait = registry.open('wait', 'complement', 'B-1');
    const past = new Date(Date.now() - 1000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    registry.deliver(message('m1', future));
    expect(registry.deliver(message('m2', past))).toBe(false);
    expect(registry.deliver(message('m3', future))).toBe(false);
    expect(wait.delivery?.messageId).toBe('m1');
    expect(registry.takeUndelivered('complement', 'B-1', Date.now())?.messageId).toBe('m3');
    expect(registry.takeUndelivered('complement', 'B-1', Date.now())).toBeUndefined();
  });

  it('gives a message to an idle subscription before queueing it for a busy listener', () => {
    const registry = new MessageRegistry();
    const listener = registry.open('listener', 'complement', 'B-1');
    listener.backlog = [];
    registry.deliver(message('m1'));
    const wait = registry.open('wait', 'complement', 'B-1');
    registry.deliver(message('m2'));
    expect(wait.delivery?.messageId).toBe('m2');
    expect(listener.backlog).toEqual([]);
  });
});
