import { PermanentDeliveryError, TransientDeliveryError } from './delivery-errors';
import type { OutboxMessage } from './message';
import type { OutboxSender } from './sender';
import { idempotencyHeader, signatureHeader, signBody } from './webhook-signature';
import { type WordingOptions, worded } from './wording';

export interface WebhookSenderOptions extends WordingOptions {
  readonly url: string | URL;
  /** The shared secret the body is signed with (HMAC-SHA256). */
  readonly secret: string;
  /** Give up on one attempt after this long. Default 30 seconds: keep it under the worker's lease. */
  readonly timeoutMs?: number;
  /** Added to every request (an API key, say). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the receiver gets: the message as the outbox keeps it, and its wording for the buyer. */
export interface WebhookBody {
  readonly message: OutboxMessage;
  readonly subject: string;
  readonly text: string;
  /** The buyer's tracking page for the order, when the sender was given `trackingUrl`. */
  readonly trackingUrl?: string;
}

/** Seconds or an HTTP date, as Retry-After says it; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Posts each message as JSON to one URL. The body is signed (`x-order-ledger-signature:
 * sha256=<hex>`, HMAC-SHA256 with the shared secret) and carries the message id as
 * `Idempotency-Key`, so the receiver can check who sent it and accept each message once however
 * many times it arrives. A 2xx is delivered; 408, 429 and 5xx, a timeout or a dropped connection
 * are retried; any other status (a 4xx, a redirect) fails the message for good.
 */
export class WebhookSender implements OutboxSender {
  readonly #options: WebhookSenderOptions;
  readonly #url: URL;

  constructor(options: WebhookSenderOptions) {
    if (options.secret.length === 0) throw new RangeError('webhook sender: the shared secret is empty');
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new RangeError(`webhook sender: "${String(options.url)}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new RangeError(`webhook sender: ${url.href} is not an http or https URL`);
    }
    this.#url = url;
    this.#options = options;
  }

  async send(message: OutboxMessage): Promise<void> {
    const words = await worded(this.#options, message);
    const trackingUrl = this.#options.trackingUrl?.(message);
    const body = JSON.stringify({
      message,
      subject: words.subject,
      text: words.text,
      ...(trackingUrl === undefined ? {} : { trackingUrl }),
    } satisfies WebhookBody);
    let response: Response;
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers: {
          ...this.#options.headers,
          'content-type': 'application/json',
          [idempotencyHeader]: message.id,
          [signatureHeader]: signBody(body, this.#options.secret),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new TransientDeliveryError(`webhook ${this.#url.href} unreachable`, { cause: error });
    }
    // The body is not needed; reading it frees the connection.
    const answer = (await response.text().catch(() => '')).slice(0, 200);
    if (response.ok) return;
    const said = `webhook ${this.#url.href} answered ${response.status}${answer === '' ? '' : `: ${answer}`}`;
    if (response.status === 408 || response.status === 429 || response.status >= 500) {
      const wait = retryAfterMs(response.headers.get('retry-after'));
      throw new TransientDeliveryError(said, wait === undefined ? {} : { retryAfterMs: wait });
    }
    throw new PermanentDeliveryError(said);
  }
}
