/**
 * A failure that retrying will not mend: the receiver refused the message (a 4xx other than 408
 * and 429, an SMTP 5xx), or there is nowhere to send it (a buyer without an email address). The
 * message is marked failed with this reason. Any other error a sender throws is retried.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** A failure worth retrying, with the receiver's own idea of when (Retry-After), if it gave one. */
export class TransientDeliveryError extends Error {
  override readonly name = 'TransientDeliveryError';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { readonly retryAfterMs?: number; readonly cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** One line saying why an attempt failed, for the delivery record. */
export function failureText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}
