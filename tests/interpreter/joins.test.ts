/**
 * The join bookkeeping on its own (no Temporal): arrivals are kept per join in waves, a token
 * joins the oldest wave still missing its flow, and a wave fires exactly once, when complete.
 */
import type { ParallelGatewayNode } from '../../compiler/graph';
import { JoinRegistry } from '../../workflows/interpreter/joins';

const join = (id: string, incoming: string[]): ParallelGatewayNode => ({ id, kind: 'parallelGateway', incoming, outgoing: ['out'], inputs: [], outputs: [] });

describe('join registry', () => {
  it('fires when one token has come by each incoming flow', () => {
    const joins = new JoinRegistry();
    const node = join('j', ['a', 'b', 'c']);
    expect(joins.arrive(node, 'a').completes).toBe(false);
    expect(joins.arrive(node, 'c').completes).toBe(false);
    expect(joins.pending('j')).toEqual([['a', 'c']]);
    expect(joins.arrive(node, 'b').completes).toBe(true);
    expect(joins.pending('j')).toEqual([]);
  });

  it('keeps a second token on the same flow for the next wave', () => {
    const joins = new JoinRegistry();
    const node = join('j', ['a', 'b']);
    const first = joins.arrive(node, 'a');
    const second = joins.arrive(node, 'a');
    expect(second.activation).not.toBe(first.activation);
    expect(joins.pending('j')).toEqual([['a'], ['a']]);
    const completing = joins.arrive(node, 'b');
    expect(completing).toMatchObject({ completes: true });
    expect(completing.activation).toBe(first.activation); // the oldest wave fires first
    expect(first.activation.fired).toBe(true);
    expect(second.activation.fired).toBe(false);
    expect(joins.arrive(node, 'b').completes).toBe(true);
    expect(second.activation.fired).toBe(true);
    expect(joins.pending('j')).toEqual([]);
  });

  it('keeps the waves of different joins apart', () => {
    const joins = new JoinRegistry();
    const left = join('left', ['a', 'b']);
    const right = join('right', ['a', 'b']);
    joins.arrive(left, 'a');
    expect(joins.arrive(right, 'b').completes).toBe(false);
    expect(joins.arrive(left, 'b').completes).toBe(true);
    expect(joins.pending('right')).toEqual([['b']]);
  });

  it('refuses a token that did not come by an incoming flow', () => {
    expect(() => new JoinRegistry().arrive(join('j', ['a', 'b']), 'elsewhere')).toThrow(/no incoming flow/);
    expect(() => new JoinRegistry().arrive(join('j', ['a', 'b']), undefined)).toThrow(/no incoming flow/);
  });
});
