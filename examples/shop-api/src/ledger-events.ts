import { type EventStore, KeptReadModel } from '@order-ledger/core';
import { ordersBoard } from '@order-ledger/projection-orders-board';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { wholeNumber } from './read-context';

/** Where a stream starts: after `Last-Event-ID` (a reconnecting EventSource sends it) or `?after=`. */
function startAfter(c: Context): number | undefined {
  const header = c.req.header('last-event-id');
  return header === undefined
    ? wholeNumber(c.req.query('after'), 'query after')
    : wholeNumber(header, 'header Last-Event-ID');
}

/**
 * `GET /events`: a server-sent event stream that says "the ledger moved to position N" (event
 * `position`, data `{"position":N}`, id N), so a page refetches what it shows instead of polling.
 * It says where the ledger stands when the stream opens, then once each time new events have
 * landed (a burst of writes is one message), whichever process wrote them: it follows the store
 * itself, not this server's commands. Without `after`, it starts from the kept orders board's
 * position, so opening a stream never reads the whole history.
 */
export function addLedgerEvents(app: Hono, store: EventStore): void {
  app.get('/events', async (c) => {
    const requested = startAfter(c);
    const kept =
      store.readModels === undefined ? undefined : await new KeptReadModel(store.readModels, ordersBoard).status();
    const after = requested ?? kept?.position ?? 0;
    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => stop.abort());
      let told: number | undefined;
      for await (const message of store.follow({ after, signal: stop.signal })) {
        if (message.kind !== 'caught-up' || message.position === told) continue;
        told = message.position;
        const position = String(message.position);
        await stream.writeSSE({
          event: 'position',
          id: position,
          data: JSON.stringify({ position: message.position }),
        });
      }
    });
  });
}
