/**
 * The join bookkeeping on its own (no Temporal): arrivals are kept per join in waves, a token
 * joins the oldest wave still missing its flow, and a wave fires exactly once, when complete.
 */
import type { ParallelGatewayNode } from '../../compiler/graph';
import { JoinRegistry } from '../../workflows/interpreter/joins';
import { Parking } from '../../workflows/interpreter/parking';

const join = (id: string, incoming: string[]): ParallelGatewayNode => ({ id, kind: 'parallelGateway', incoming, outgoing: ['out'], inputs: [], outputs: [] });

const newJoins = () => new JoinRegistry(new Parking());

describe('join registry', () => {
  it('fires when one token has come by each incoming flow', () => {
    const joins = newJoins();
    const node = join('j', ['a', 'b', 'c']);
    expect(joins.arrive(node, 'a').completes).toBe(false);
    expect(joins.arrive(node, 'c').completes).toBe(false);
    expect((joins.snapshot()['j'] ?? [])).toEqual([['a', 'c']]);
    expect(joins.arrive(node, 'b').completes).toBe(true);
    expect((joins.snapshot()['j'] ?? [])).toEqual([]);
  });

  it('keeps a second token on the same flow for the next wave', () => {
    const joins = newJoins();
    const node = join('j', ['a', 'b']);
    const first = joins.arrive(node, 'a');
    const second = joins.arrive(node, 'a');
    expect(second.activation).not.toBe(first.activation);
    expect((joins.snapshot()['j'] ?? [])).toEqual([['a'], ['a']]);
    const completing = joins.arrive(node, 'b');
    expect(completing).toMatchObject({ completes: true });
    expect(completing.activation).toBe(first.activation); // the oldest wave fires first
    expect(first.activation.fired).toBe(true);
    expect(second.activation.fired).toBe(false);
    expect(joins.arrive(node, 'b').completes).toBe(true);
    expect(second.activation.fired).toBe(true);
    expect((joins.snapshot()['j'] ?? [])).toEqual([]);
  });

  it('keeps the waves of different joins apart', () => {
    const joins = newJoins();
    const left = join('left', ['a', 'b']);
    const right = join('right', ['a', 'b']);
    joins.arrive(left, 'a');
    expect(joins.arrive(right, 'b').completes).toBe(false);
    expect(joins.arrive(left, 'b').completes).toBe(true);
    expect((joins.snapshot()['right'] ?? [])).toEqual([['b']]);
  });

  it('hands its waiting waves to a continued instance, which completes them where they were', () => {
    const joins = newJoins();
    const node = join('j', ['a', 'b']);
    joins.arrive(node, 'a');
    joins.arrive(node, 'a');
    joins.arrive(join('other', ['x', 'y']), 'y');
    const carried = JSON.parse(JSON.stringify(joins.snapshot())) as Record<string, string[][]>;
    expect(carried).toEqual({ j: [['a'], ['a']], other: [['y']] });

    const continued = newJoins();
    continued.restore(carried);
    const completing = continued.arrive(node, 'b');
    expect(completing.completes).toBe(true);
    expect(continued.snapshot()).toEqual({ j: [['a']], other: [['y']] });
    expect(continued.arrive(join('other', ['x', 'y']), 'x').completes).toBe(true);
  });

  it('refuses a token that did not come by an incoming flow', () => {
    expect(() => newJoins().arrive(join('j', ['a', 'b']), 'elsewhere')).toThrow(/no incoming flow/);
    expect(() => newJoins().arrive(join('j', ['a', 'b']), undefined)).toThrow(/no incoming flow/);
  });
});
