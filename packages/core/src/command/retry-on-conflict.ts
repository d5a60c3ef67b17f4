import { hasErrorCode } from '../errors/ledger-error';

export interface RetryOptions {
  /** How many times to try in all, the first included. Default 5. */
  readonly maxAttempts?: number;
}

export const defaultMaxAttempts = 5;

/**
 * Runs `attempt` again while it fails with a concurrency conflict, up to `maxAttempts` tries.
 * Each attempt reloads what it read, so a retry decides on fresh state. Any other error, and the
 * last conflict, go to the caller.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be at least 1');
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= maxAttempts || !hasErrorCode(error, 'CONCURRENCY_CONFLICT')) throw error;
    }
  }
}
