import { hasErrorCode } from '../errors/ledger-error';

export interface RetryOptions {
  /** How many times to try in all, the first included. Default 20. */
  readonly maxAttempts?: number;
  /**
   * The longest pause between two tries, in milliseconds. Default 250. Pauses grow from 1 ms,
   * doubling each try up to this cap, and each is drawn at random below its bound ("full jitter").
   */
  readonly maxBackoffMs?: number;
}

/**
 * Enough tries that, with jittered backoff, sixteen processes checking out the same SKU all get
 * through (measured across processes in the conformance suite); few enough that a command stuck
 * behind a writer that never lets go gives up in a few seconds.
 */
export const defaultMaxAttempts = 20;
export const defaultMaxBackoffMs = 250;

/**
 * Runs `attempt` again while it fails with a concurrency conflict, up to `maxAttempts` tries.
 * Each attempt reloads what it read, so a retry decides on fresh state. Between tries it waits a
 * random while below a bound that doubles each time: writers that collided once spread out instead
 * of colliding again in lock step, which is what starved checkouts under contention. Any other
 * error, and the last conflict, go to the caller.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const maxBackoffMs = options.maxBackoffMs ?? defaultMaxBackoffMs;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be at least 1');
  if (!(maxBackoffMs >= 0)) throw new RangeError('maxBackoffMs must be zero or more');
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= maxAttempts || !hasErrorCode(error, 'CONCURRENCY_CONFLICT')) throw error;
    }
    const bound = Math.min(maxBackoffMs, 2 ** (tries - 1));
    // The global timer, not node:timers: core runs wherever JavaScript does.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * bound));
  }
}
