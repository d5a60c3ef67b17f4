import { describe, expect, it } from 'vitest';
import { describeTarget, meets, targetOf } from './targets';

describe('targets', () => {
  it('holds a ratio row to its bound, inclusive', () => {
    const target = targetOf('sqlite.append.single');
    expect(target).toEqual({ kind: 'ratio-at-least', ratio: 0.8 });
    expect(meets(target, { ours: 1, ratio: 0.8 })).toBe(true);
    expect(meets(target, { ours: 1, ratio: 0.799 })).toBe(false);
    expect(meets(target, { ours: 1 })).toBe(false);
  });

  it('holds an absolute row strictly below its ceiling, and a row that must stay flat to that too', () => {
    const target = targetOf('report.unchanged');
    expect(target).toEqual({ kind: 'below', value: 1000 });
    expect(meets(target, { ours: 999.9 })).toBe(true);
    expect(meets(target, { ours: 1000 })).toBe(false);
    expect(meets(targetOf('replay.memory'), { ours: 120, flat: false })).toBe(false);
    expect(meets(targetOf('replay.memory'), { ours: 120, flat: true })).toBe(true);
  });

  it('gives a row it does not know no target and no verdict', () => {
    const target = targetOf('emmett.sqlite.append.single');
    expect(target).toEqual({ kind: 'none' });
    expect(meets(target, { ours: 1, ratio: 0.01 })).toBeUndefined();
    expect(describeTarget(target, 'events/s')).toBe('—');
  });

  it('words each kind of target', () => {
    expect(describeTarget({ kind: 'ratio-at-least', ratio: 0.25 }, 'events/s')).toBe('≥ 0.25×');
    expect(describeTarget({ kind: 'below', value: 1000 }, 'ms')).toBe('< 1,000 ms');
  });
});
