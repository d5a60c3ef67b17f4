import { describe, expect, it } from 'vitest';
import { staysFlat } from './stays-flat';

describe('staysFlat', () => {
  it('takes a memory that fills up and then holds as flat', () => {
    expect(staysFlat([40, 90, 100, 98, 101, 99, 104, 100, 97, 102])).toBe(true);
  });

  it('takes a memory still climbing in the second half as not flat', () => {
    expect(staysFlat([40, 60, 80, 100, 120, 140])).toBe(false);
    // 10% above the first half's peak is the line.
    expect(staysFlat([100, 50, 110])).toBe(true);
    expect(staysFlat([100, 50, 111])).toBe(false);
  });

  it('has nothing to compare with fewer than two samples', () => {
    expect(staysFlat([500])).toBe(true);
  });
});
