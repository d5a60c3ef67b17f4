import { describe, expect, it } from 'vitest';
import { absoluteRow, rateRow } from './make-row';

describe('rateRow', () => {
  it('turns durations into rates, takes each side’s median and the ratio of the medians', () => {
    // 1,000 events in 2, 1 and 4 seconds: 500, 1,000 and 250 events/s, median 500.
    // Baseline: 1,000 events in 0.5 and 1 and 2 seconds: 2,000, 1,000, 500 events/s, median 1,000.
    const row = rateRow(
      { id: 'sqlite.append.single', operation: 'single appends' },
      { name: 'x', unit: 'events', count: 1000, ours: [2000, 1000, 4000], baseline: [500, 1000, 2000] },
    );
    expect(row.unit).toBe('events/s');
    expect(row.size).toBe('1,000 events');
    expect(row.ours.value).toBe(500);
    expect(row.ours.samples).toEqual([500, 1000, 250]);
    expect(row.baseline?.value).toBe(1000);
    expect(row.ratio).toBe(0.5);
    expect(row.met).toBe(false);
  });

  it('meets the target when ours is fast enough', () => {
    const row = rateRow(
      { id: 'replay.all-five', operation: 'all five' },
      { name: 'x', unit: 'events', count: 100, ours: [400], baseline: [100] },
    );
    expect(row.ratio).toBe(0.25);
    expect(row.met).toBe(true);
  });
});

describe('absoluteRow', () => {
  it('judges the median against the ceiling and keeps the baseline as context', () => {
    const row = absoluteRow(
      { id: 'checkpoint.one-event', operation: 'checkpoint', size: '20 times' },
      'ms',
      [3, 9, 4],
      { baseline: [1, 2, 3] },
    );
    expect(row.ours).toEqual({ value: 4, of: 'median', samples: [3, 9, 4] });
    expect(row.baseline?.value).toBe(2);
    expect(row.ratio).toBeUndefined();
    expect(row.met).toBe(true);
  });

  it('can judge the peak instead, and is not met when it did not stay flat', () => {
    const row = absoluteRow({ id: 'replay.memory', operation: 'memory', size: '10 M events' }, 'MB', [50, 80, 60], {
      peak: true,
      flat: false,
    });
    expect(row.ours.value).toBe(80);
    expect(row.ours.of).toBe('peak');
    expect(row.met).toBe(false);
  });
});
