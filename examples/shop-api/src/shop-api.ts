import { type EventStore, OrderLedger, type OrderLedgerOptions } from '@order-ledger/core';
import { type StoreRhythm, storeRhythm } from '@order-ledger/projection-orders-board';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { handleCommandRequest } from './command-handler';
import { commandRoutes } from './command-routes';
import { FreshReadModels } from './fresh-read-models';
import type { IdempotencyRecords } from './idempotency/idempotency-records';
import { addLedgerEvents } from './ledger-events';
import { problemFor } from './ledger-problems';
import { problemResponse, problemType } from './problem';
import { addReadRoutes } from './read-routes';
import type { ShopSettings } from './shop-settings';
import { addTrackRoute } from './track-route';
import { TrackingTokens } from './tracking-tokens';

export interface ShopApiOptions {
  /** The ledger's store: SQLite or PostgreSQL (the read models are kept in its tables). */
  readonly store: EventStore;
  /** Where `Idempotency-Key` answers are kept: in the same database (see `openShopStore`). */
  readonly idempotency: IdempotencyRecords;
  /** When orders should ship and when they count as stuck; anything not given takes its default. */
  readonly rhythm?: Partial<StoreRhythm>;
  /** "Now" for reads without `asOf`. Default: the wall clock. */
  readonly clock?: () => Date;
  /** The SKUs reorder nudges are for; default every stocked SKU. */
  readonly consumables?: ShopSettings['consumables'];
  readonly ledger?: OrderLedgerOptions;
  /**
   * Signs the buyers' tracking links (`GET /track/:orderId?token=…`). Default a random secret of
   * this app's own, so links die with it: a server passes `trackingTokensFromEnv()`.
   */
  readonly tracking?: TrackingTokens;
}

/** Far above any command the ledger accepts (500 lines, 100 changes), far below what would hurt the server. */
const maxBodyBytes = 1024 * 1024;

/**
 * The shop's back office as a Hono app: a POST per ledger command, GETs over the read models.
 * Only the app: the process that serves it (`main.ts`), and whatever else a shop adds beside it,
 * live apart, so a test or another server can mount it as it is.
 */
export function createShopApi(options: ShopApiOptions): Hono {
  const { store, idempotency } = options;
  const clock = options.clock ?? (() => new Date());
  const settings: ShopSettings = {
    store,
    rhythm: storeRhythm(options.rhythm),
    clock,
    consumables: options.consumables,
  };
  const tokens = options.tracking ?? TrackingTokens.random();
  const deps = {
    ledger: new OrderLedger(store, options.ledger),
    store,
    idempotency,
    clock,
    trackingPath: (orderId: string) => tokens.pathFor(orderId),
  };
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () =>
        problemResponse({
          type: problemType('BODY_TOO_LARGE'),
          title: 'Body too large',
          status: 413,
          detail: `a request body may hold at most ${maxBodyBytes} bytes`,
          code: 'BODY_TOO_LARGE',
        }),
    }),
  );
  for (const route of commandRoutes) app.post(route.path, (c) => handleCommandRequest(c, route, deps));
  addReadRoutes(app, new FreshReadModels(store), settings);
  addLedgerEvents(app, store);
  addTrackRoute(app, { store, rhythm: settings.rhythm, clock, tokens });
  app.notFound((c) =>
    problemResponse({
      type: problemType('NOT_FOUND'),
      title: 'Not Found',
      status: 404,
      detail: `no route ${c.req.method} ${c.req.path}`,
      code: 'NOT_FOUND',
    }),
  );
  app.onError((error) => {
    const problem = problemFor(error);
    if (problem.status >= 500) console.error(error);
    return problemResponse(problem);
  });
  return app;
}
