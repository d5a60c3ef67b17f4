import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the body's HMAC-SHA256 with the shared secret, as `sha256=<hex>`. */
export const signatureHeader = 'x-order-ledger-signature';

/** The header carrying the message id: the receiver's key to drop a second delivery. */
export const idempotencyHeader = 'idempotency-key';

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** For a receiver: whether `signature` is the body's, compared in constant time. */
export function verifySignature(body: string, signature: string | undefined, secret: string): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
