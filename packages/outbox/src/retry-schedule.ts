/** How a transient failure is retried. */
export interface RetrySchedule {
  /** The delay after the first failed attempt. Default one minute. */
  readonly firstDelayMs: number;
  /** Each next delay is this many times the last. Default 2. */
  readonly factor: number;
  /** No delay is longer. Default 6 hours. */
  readonly maxDelayMs: number;
  /** After this many attempts a message fails for good. Default 10 (about eight and a half hours). */
  readonly maxAttempts: number;
  /**
   * The share of each delay taken off at random, 0 to 1. Default 0.5: a delay of d waits between
   * d/2 and d, so messages that failed together (a receiver down) do not all come back together.
   */
  readonly jitter: number;
}

export const defaultRetrySchedule: RetrySchedule = {
  firstDelayMs: 60_000,
  factor: 2,
  maxDelayMs: 6 * 60 * 60 * 1000,
  maxAttempts: 10,
  jitter: 0.5,
};

/** Checks a schedule the app gave, naming the setting at fault. */
export function retrySchedule(overrides: Partial<RetrySchedule> = {}): RetrySchedule {
  const schedule = { ...defaultRetrySchedule, ...overrides };
  const positive = (name: keyof RetrySchedule, value: number) => {
    if (!(Number.isFinite(value) && value > 0))
      throw new RangeError(`retry ${name} must be a number above 0, got ${value}`);
  };
  positive('firstDelayMs', schedule.firstDelayMs);
  positive('maxDelayMs', schedule.maxDelayMs);
  if (!(schedule.factor >= 1)) throw new RangeError(`retry factor must be at least 1, got ${schedule.factor}`);
  if (!(Number.isInteger(schedule.maxAttempts) && schedule.maxAttempts >= 1)) {
    throw new RangeError(`retry maxAttempts must be a whole number of at least 1, got ${schedule.maxAttempts}`);
  }
  if (!(schedule.jitter >= 0 && schedule.jitter <= 1)) {
    throw new RangeError(`retry jitter must be between 0 and 1, got ${schedule.jitter}`);
  }
  return schedule;
}

/**
 * The wait after failed attempt `attempt` (from 1): exponential, capped, less a random share
 * (`random` returns [0, 1)). A receiver's Retry-After, when longer, wins.
 */
export function retryDelayMs(
  schedule: RetrySchedule,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const full = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * schedule.factor ** (attempt - 1));
  const delay = Math.round(full * (1 - schedule.jitter * random()));
  return retryAfterMs !== undefined && retryAfterMs > delay ? retryAfterMs : delay;
}
