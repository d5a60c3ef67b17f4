import { readEverything } from '@order-ledger/core';
import { dueFollowUps, followUps } from '@order-ledger/follow-ups';
import {
  bestCustomers,
  customerMetrics,
  rankByValue,
  repeatPurchaseRate,
  rfm,
} from '@order-ledger/projection-best-customers';
import { customerTimeline, describeEntry } from '@order-ledger/projection-customer-timeline';
import { boardView, loadOpenBoard, ordersBoard } from '@order-ledger/projection-orders-board';
import { stockCounts } from '@order-ledger/projection-stock-counts';
import { weeklySweep } from '@order-ledger/weekly-sweep';
import type { Context, Hono } from 'hono';
import type { FreshReadModels } from './fresh-read-models';
import { etagOf, orderView } from './order-view';
import { requestProblem } from './problem';
import { type ReadContext, readContext } from './read-context';
import type { ShopSettings } from './shop-settings';

const timeline = customerTimeline();

/** Follow-ups listed: those that fell due in the week up to `asOf`. */
const followUpWindowMs = 7 * 24 * 60 * 60 * 1000;

/** A read's answer: JSON, with the position of the history it reflects. */
function answer(c: Context, body: unknown, position: number): Response {
  c.header('ledger-position', String(position));
  return c.json(body);
}

/**
 * The GET routes. Everything but one order is read from the kept read models (see
 * `FreshReadModels` for how fresh); one order is read from its own stream.
 */
export function addReadRoutes(app: Hono, models: FreshReadModels, settings: ShopSettings): void {
  const context = (c: Context): ReadContext => readContext(c, settings);

  app.get('/orders/:orderId', async (c) => {
    const view = await orderView(settings.store, c.req.param('orderId'));
    c.header('etag', etagOf(view.revision));
    const last = view.events.at(-1);
    return answer(c, { order: view.order, revision: view.revision, events: view.events }, last?.position ?? 0);
  });

  app.get('/board', async (c) => {
    const { asOf, after } = context(c);
    const { kept, position } = await models.read(ordersBoard, after);
    const view = boardView(await loadOpenBoard(kept), settings.rhythm, asOf);
    return answer(c, view, position);
  });

  app.get('/customers/:customerId', async (c) => {
    const { after } = context(c);
    const customerId = c.req.param('customerId');
    const { kept, position } = await models.read(timeline, after);
    // As typed first; then lowercased, as imports store email addresses.
    const found = (await kept.get('customers', customerId)) ?? (await kept.get('customers', customerId.toLowerCase()));
    if (found === undefined) {
      throw requestProblem(
        404,
        'CUSTOMER_NOT_FOUND',
        'No such customer',
        `no customer ${JSON.stringify(customerId)} has ordered`,
      );
    }
    const entries = found.entries.map((entry) => ({ ...entry, summary: describeEntry(entry) }));
    return answer(c, { ...found, entries }, position);
  });

  app.get('/customers', async (c) => {
    const { asOf, after, limit } = context(c);
    const { kept, position } = await models.read(bestCustomers, after);
    const scored = rfm(customerMetrics(await kept.loadState(), asOf));
    const segments: Record<string, number> = {};
    for (const customer of scored) segments[customer.segment] = (segments[customer.segment] ?? 0) + 1;
    return answer(
      c,
      {
        asOf: asOf.toISOString(),
        buyers: scored.length,
        repeatPurchaseRate: repeatPurchaseRate(scored),
        segments,
        best: rankByValue(scored).slice(0, limit),
      },
      position,
    );
  });

  app.get('/stock', async (c) => {
    const { after } = context(c);
    const { kept, position } = await models.read(stockCounts, after);
    const skus = [...(await kept.all('skus')).values()].sort((a, b) => a.sku.localeCompare(b.sku));
    return answer(c, { skus }, position);
  });

  app.get('/sweep', async (c) => {
    const { asOf, after } = context(c);
    const board = await models.read(ordersBoard, after);
    const stock = await models.read(stockCounts, after);
    // The truth check folds the stock streams afresh: the one read here of the whole history.
    const sweep = weeklySweep({
      board: await board.kept.loadState(),
      stock: await stock.kept.loadState(),
      history: await readEverything(settings.store),
      rhythm: settings.rhythm,
      asOf,
    });
    return answer(c, sweep, Math.min(board.position, stock.position));
  });

  app.get('/follow-ups', async (c) => {
    const { asOf, after } = context(c);
    const { kept, position } = await models.read(followUps, after);
    const since = new Date(asOf.getTime() - followUpWindowMs);
    // Without a list of consumables from the shop, every stocked SKU may be reordered (as the CLI does).
    const consumables =
      settings.consumables ??
      Object.fromEntries(
        [...(await (await models.read(stockCounts, after)).kept.all('skus')).keys()].map((sku) => [sku, {}]),
      );
    const due = dueFollowUps(await kept.loadState(), { since, asOf, consumables });
    return answer(c, { since: since.toISOString(), asOf: asOf.toISOString(), due }, position);
  });
}
