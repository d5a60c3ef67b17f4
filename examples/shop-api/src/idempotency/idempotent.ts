import { createHash } from 'node:crypto';
import { problemResponse, requestProblem } from '../problem';
import type { IdempotencyRecords, StoredResponse } from './idempotency-records';

/** The headers a replay repeats: what the client reads of a command's answer. */
const kept = ['content-type', 'location', 'etag', 'ledger-position'];

/** Visible ASCII, as a header value can carry it, and short enough to name a command in the ledger. */
const keyShape = /^[\x21-\x7e]{1,128}$/;

/** What makes two requests "the same": method, path and body, byte for byte. */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

/** The ledger's command id for a request sent with an Idempotency-Key: the ledger dedupes by it too. */
export function commandIdForKey(key: string): string {
  return `idempotency-key:${key}`;
}

export function checkedKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!keyShape.test(key)) {
    throw requestProblem(
      400,
      'IDEMPOTENCY_KEY_INVALID',
      'Bad Idempotency-Key',
      'the key must be 1 to 128 visible ASCII characters',
      [{ path: 'header Idempotency-Key', reason: 'must be 1 to 128 visible ASCII characters' }],
    );
  }
  return key;
}

function replay(response: StoredResponse): Response {
  return new Response(response.body, {
    status: response.status,
    headers: { ...response.headers, 'idempotent-replayed': 'true' },
  });
}

async function stored(response: Response): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  for (const name of kept) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, headers, body: await response.text() };
}

/**
 * Carries out a POST at most once per `Idempotency-Key`. The first request with a key claims it,
 * runs, and stores its response (a refusal too: the same request would be refused the same way);
 * a retry with the same key and the same request gets that response again, whatever happened
 * since. The same key on another request is 422; on a copy still running, 409 with Retry-After.
 * A server fault (5xx) is not stored: the key is released and a retry runs the request again.
 */
export async function idempotently(
  records: IdempotencyRecords,
  key: string,
  fingerprint: string,
  now: Date,
  run: () => Promise<Response>,
): Promise<Response> {
  const claim = await records.claim(key, fingerprint, now);
  if (claim.kind !== 'claimed' && claim.fingerprint !== fingerprint) {
    throw requestProblem(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key already used for another request',
      `the key ${JSON.stringify(key)} was sent before with another method, path or body; use a new key for a new request`,
      [{ path: 'header Idempotency-Key', reason: 'already used for another request' }],
    );
  }
  if (claim.kind === 'answered') return replay(claim.response);
  if (claim.kind === 'in-progress') {
    const { problem } = requestProblem(
      409,
      'IDEMPOTENCY_KEY_IN_USE',
      'A request with this Idempotency-Key is being carried out',
      'the first request with this key has not been answered yet; retry in a moment',
    );
    return problemResponse(problem, { 'retry-after': '1' });
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await records.release(key);
    throw error;
  }
  if (response.status >= 500) {
    await records.release(key);
    return response;
  }
  const answer = await stored(response);
  await records.complete(key, answer);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
