import { describe, expect, it } from 'vitest';
import { defaultRetrySchedule, retryDelayMs, retrySchedule } from './retry-schedule';
import { retryAfterMs } from './webhook-sender';

const minute = 60_000;

describe('the retry schedule', () => {
  it('doubles from one minute, capped at six hours, ten attempts in all', () => {
    const full = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((attempt) => retryDelayMs(defaultRetrySchedule, attempt, () => 0));
    expect(full.map((ms) => ms / minute)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 360]);
    expect(defaultRetrySchedule.maxAttempts).toBe(10);
  });

  it('takes up to half of each delay off at random, never more', () => {
    expect(retryDelayMs(defaultRetrySchedule, 3, () => 0.999_999)).toBe(2 * minute);
    expect(retryDelayMs(defaultRetrySchedule, 3, () => 0.5)).toBe(3 * minute);
  });

  it("waits for the receiver's Retry-After when it asks for longer, and not when it asks for less", () => {
    expect(retryDelayMs(defaultRetrySchedule, 1, () => 0, 10 * minute)).toBe(10 * minute);
    expect(retryDelayMs(defaultRetrySchedule, 1, () => 0, 1000)).toBe(minute);
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z'))).toBe(minute);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('names the setting at fault', () => {
    expect(() => retrySchedule({ maxAttempts: 0 })).toThrow(
      'retry maxAttempts must be a whole number of at least 1, got 0',
    );
    expect(() => retrySchedule({ jitter: 2 })).toThrow('retry jitter must be between 0 and 1, got 2');
    expect(() => retrySchedule({ firstDelayMs: -1 })).toThrow('retry firstDelayMs must be a number above 0, got -1');
  });
});
