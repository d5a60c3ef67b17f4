import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventStreamReader, openEventStream } from './testing/event-stream';
import { get, post } from './testing/http';
import { postgresAnswers, type StoreKind, startTestShop, type TestShop } from './testing/test-shop';

const received = (delta: number) => ({ at: '2026-03-01T09:00:00Z', delta, reason: 'received' });

/** The position a message says the ledger moved to, checked against its id. */
async function nextPosition(stream: EventStreamReader): Promise<number> {
  const message = await stream.next();
  expect(message.event).toBe('position');
  const { position } = JSON.parse(message.data) as { position: number };
  expect(message.id).toBe(String(position));
  return position;
}

/** Reads messages until one says the ledger reached `position` (a burst may be told in one or several). */
async function untilPosition(stream: EventStreamReader, position: number): Promise<number> {
  for (;;) {
    const told = await nextPosition(stream);
    if (told >= position) return told;
  }
}

const postgres = await postgresAnswers();
const stores: StoreKind[] = postgres ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(stores)('GET /events on %s', (kind) => {
  let shop: TestShop;
  const streams: EventStreamReader[] = [];
  beforeEach(async () => {
    shop = await startTestShop(kind);
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await shop.close();
  });

  it('says where the ledger stands, then each position it moves to, whichever server wrote', async () => {
    const first = await post(shop.url, '/stock/MUG/adjustments', received(5));
    const stream = await openEventStream(shop.url, '/events');
    streams.push(stream);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe('text/event-stream');
    await untilPosition(stream, Number(first.headers.get('ledger-position')));

    const here = await post(shop.url, '/stock/MUG/adjustments', received(1));
    const herePosition = Number(here.headers.get('ledger-position'));
    expect(await untilPosition(stream, herePosition)).toBe(herePosition);

    // The second server stands for another process on the same store: its write is seen too.
    const there = await post(shop.second, '/stock/TEA/adjustments', received(2));
    const therePosition = Number(there.headers.get('ledger-position'));
    expect(await untilPosition(stream, therePosition)).toBe(therePosition);
  });

  it('starts after the position a reconnecting page last saw (Last-Event-ID or ?after=)', async () => {
    const written = await post(shop.url, '/stock/MUG/adjustments', received(5));
    const seen = Number(written.headers.get('ledger-position'));
    for (const [path, headers] of [
      ['/events', { 'last-event-id': String(seen) }],
      [`/events?after=${seen}`, {}],
    ] as const) {
      const stream = await openEventStream(shop.url, path, headers);
      streams.push(stream);
      expect(await nextPosition(stream)).toBe(seen);
    }
    const next = await post(shop.url, '/stock/MUG/adjustments', received(1));
    const nextSeen = Number(next.headers.get('ledger-position'));
    for (const stream of streams) expect(await nextPosition(stream)).toBe(nextSeen);
  });

  it('refuses a position that is not a whole number with a problem naming it', async () => {
    const answer = await get(shop.url, '/events?after=soon');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.json).toMatchObject({ status: 400, code: 'BAD_PARAMETER' });
    expect(answer.json.detail).toBe('query after must be a whole number, not "soon"');
  });
});
