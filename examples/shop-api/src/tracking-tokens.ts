import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ShopSetupError } from './open-shop-store';

/** The shortest `TRACKING_SECRET` taken: 32 characters, about as many bits as the HMAC keeps. */
const minimumSecretLength = 32;

/**
 * The tracking page's tokens: an HMAC-SHA256 of the order id under the server's secret. Nothing is
 * stored: a token is checked by computing it again, so a leaked database leaks no token, and a
 * token cannot be guessed without the secret.
 */
export class TrackingTokens {
  readonly #secret: Buffer;

  constructor(secret: string | Buffer) {
    this.#secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
    if (this.#secret.length === 0) throw new RangeError('the tracking secret is empty');
  }

  /** A new secret of its own: tokens die with the process. */
  static random(): TrackingTokens {
    return new TrackingTokens(randomBytes(32));
  }

  tokenFor(orderId: string): string {
    return createHmac('sha256', this.#secret).update(orderId, 'utf8').digest('base64url');
  }

  /** Whether `token` is the order's, compared in constant time. */
  matches(orderId: string, token: string | undefined): boolean {
    if (token === undefined) return false;
    const expected = Buffer.from(this.tokenFor(orderId), 'utf8');
    const given = Buffer.from(token, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The order's tracking page, as a path: the app puts its own origin in front. */
  pathFor(orderId: string): string {
    return `/track/${encodeURIComponent(orderId)}?token=${this.tokenFor(orderId)}`;
  }
}

/**
 * The tokens from `TRACKING_SECRET`. Required when `NODE_ENV` is production (a restart must not
 * break every link already mailed); elsewhere a random secret for this process, with a warning.
 */
export function trackingTokensFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  warn: (text: string) => void = console.warn,
): TrackingTokens {
  const secret = env.TRACKING_SECRET;
  if (secret !== undefined && secret !== '') {
    if (secret.length < minimumSecretLength) {
      throw new ShopSetupError(
        `TRACKING_SECRET must be at least ${minimumSecretLength} characters (openssl rand -base64 32 makes one)`,
      );
    }
    return new TrackingTokens(secret);
  }
  if (env.NODE_ENV === 'production') {
    throw new ShopSetupError('TRACKING_SECRET is required in production: tracking links are signed with it');
  }
  warn('shop-api: TRACKING_SECRET is not set; tracking links signed with a random secret die with this process');
  return TrackingTokens.random();
}
