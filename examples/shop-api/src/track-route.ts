import {
  type EventStore,
  evolveOrder,
  foldRecorded,
  initialOrderState,
  type OrderEvent,
  orderStreamId,
  type RecordedEvent,
} from '@order-ledger/core';
import type { StoreRhythm } from '@order-ledger/projection-orders-board';
import type { Context, Hono } from 'hono';
import { problemResponse, problemType } from './problem';
import { trackNotFoundPage, trackPage } from './track-page';
import { trackView } from './track-view';
import type { TrackingTokens } from './tracking-tokens';

const orderFold = { initialState: initialOrderState, evolve: evolveOrder };

/** A browser asks for HTML first; anything else (an app, curl) gets JSON. */
function wantsHtml(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}

/**
 * The buyer's page must not tell a stranger whether an order exists: a missing order and a wrong
 * or missing token get the same answer.
 */
function notFound(c: Context): Response {
  if (wantsHtml(c)) return c.html(trackNotFoundPage(), 404);
  return problemResponse({
    type: problemType('TRACKING_NOT_FOUND'),
    title: 'Not Found',
    status: 404,
    detail: 'this tracking link does not lead to an order',
    code: 'TRACKING_NOT_FOUND',
  });
}

/** `GET /track/:orderId?token=…`: the buyer's order page, HTML or JSON by `Accept`. */
export function addTrackRoute(
  app: Hono,
  settings: {
    readonly store: EventStore;
    readonly rhythm: StoreRhythm;
    readonly clock: () => Date;
    readonly tokens: TrackingTokens;
  },
): void {
  app.get('/track/:orderId', async (c) => {
    // The token's URL is a capability: keep it out of caches and of the next site's Referer.
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const orderId = c.req.param('orderId');
    if (!settings.tokens.matches(orderId, c.req.query('token'))) return notFound(c);
    const events = (await settings.store.readStream(orderStreamId(orderId))) as RecordedEvent<OrderEvent>[];
    const { state } = foldRecorded(orderFold, events);
    if (!state.exists) return notFound(c);
    const view = trackView(
      state,
      events.map((event) => ({ type: event.type, data: event.data }) as OrderEvent),
      settings.rhythm,
      settings.clock(),
    );
    if (wantsHtml(c)) return c.html(trackPage(view));
    return c.json(view);
  });
}
