import { type LedgerCommand, OrderLedger } from '@order-ledger/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimLeaseMs } from './idempotency/idempotency-records';
import { commandIdForKey, requestFingerprint } from './idempotency/idempotent';
import { type Answer, get, post } from './testing/http';
import { postgresAnswers, type StoreKind, startTestShop, type TestShop } from './testing/test-shop';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** "Now" for every read: a week after the orders below, so the board and follow-ups do not move with the wall clock. */
const now = new Date('2026-03-10T12:00:00Z');

const received = { at: '2026-03-01T09:00:00Z', delta: 20, reason: 'received' };
const placeOrder = (orderId: string, delivery: 'ship' | 'pickup' = 'ship', quantity = 2) => ({
  type: 'PlaceOrder',
  orderId,
  customerId: 'ada',
  at: '2026-03-02T09:00:00Z',
  currency: 'EUR',
  lines: [
    { lineId: 'l1', sku: 'MUG', quantity, unitPrice: eur(1800), kind: 'physical' },
    { lineId: 'l2', sku: 'TEA', quantity: 1, unitPrice: eur(900), kind: 'physical' },
  ],
  delivery:
    delivery === 'ship'
      ? { method: 'ship', address: { line1: '1 Analytical Row', city: 'London', postalCode: 'N1', country: 'GB' } }
      : { method: 'pickup' },
});
const at = (day: number, hour = 9) => `2026-03-0${day}T${String(hour).padStart(2, '0')}:00:00Z`;

function expectProblem(answer: Answer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.json).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(answer.json.detail).toEqual(expect.any(String));
}

const postgres = await postgresAnswers();
const stores: StoreKind[] = postgres ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(stores)('shop API on %s', (kind) => {
  let shop: TestShop;
  let url: string;
  beforeEach(async () => {
    shop = await startTestShop(kind, { clock: () => now });
    url = shop.url;
    const stocked = await Promise.all([
      post(url, '/stock/MUG/adjustments', received),
      post(url, '/stock/TEA/adjustments', received),
    ]);
    for (const answer of stocked) expect(answer.status).toBe(200);
  });
  afterEach(async () => {
    await shop.close();
  });

  it('keeps the contract: POST /orders answers 201 and the order, GET /orders/:id returns it, GET /board lists it in flight', async () => {
    const placed = await post(url, '/orders', placeOrder('1001'));
    expect(placed.status).toBe(201);
    expect(placed.headers.get('location')).toBe('/orders/1001');
    expect(placed.json.order).toMatchObject({ orderId: '1001', customerId: 'ada', status: 'received' });
    expect(placed.json.order.total).toEqual(eur(4500));

    const read = await get(url, '/orders/1001');
    expect(read.status).toBe(200);
    expect(read.json.order).toEqual(placed.json.order);
    expect(read.json.events.map((event: { type: string }) => event.type)).toEqual(['OrderPlaced']);
    expect(read.headers.get('etag')).toBe('"0"');

    const board = await get(url, '/board');
    expect(board.status).toBe(200);
    expect(board.json.inFlight.received.map((row: { orderId: string }) => row.orderId)).toEqual(['1001']);
    expect(board.json.pendingMoney).toEqual([
      { orderId: '1001', customerId: 'ada', currency: 'EUR', kind: 'awaiting-payment', amount: 4500 },
    ]);
  });

  it('carries every command through real orders: shipped, picked up, cancelled, claimed, refunded and returned', async () => {
    const ok = async (path: string, body: unknown, status = 200) => {
      const answer = await post(url, path, body);
      expect(answer.status, `${path}: ${answer.text}`).toBe(status);
      return answer;
    };
    // Shipped: edited, paid, prepared, shipped, delivered; a mug comes back, one is refunded, then a goodwill amount.
    await ok('/orders', placeOrder('A', 'ship', 3), 201);
    await ok('/orders/A/edits', { at: at(2, 10), changes: [{ kind: 'QuantityChanged', lineId: 'l1', quantity: 2 }] });
    await ok('/orders/A/payments', { at: at(2, 11), paymentId: 'pA', amount: eur(4500), method: 'card' });
    await ok('/orders/A/preparing', { at: at(3), preparedBy: 'grace' });
    await ok('/orders/A/shipment', { at: at(3, 15), carrier: 'post', trackingNumber: 'T1' });
    await ok('/orders/A/delivered', { at: at(5) });
    await ok('/orders/A/returns', {
      at: at(6),
      returnId: 'rA',
      lines: [{ lineId: 'l1', quantity: 1, condition: 'resellable' }],
    });
    await ok('/orders/A/refunds', {
      at: at(6, 10),
      refundId: 'fA',
      reason: 'changed_mind',
      lines: [{ lineId: 'l1', quantity: 1, restock: 'return' }],
    });
    const goodwill = await ok('/orders/A/amount-refunds', {
      at: at(6, 11),
      refundId: 'gA',
      reason: 'other',
      amount: eur(200),
    });
    expect(goodwill.json.order.refunded).toEqual(eur(2000));

    // Picked up.
    await ok('/orders', placeOrder('B', 'pickup', 1), 201);
    await ok('/orders/B/payments', { at: at(2, 12), paymentId: 'pB', amount: eur(2700), method: 'cash' });
    await ok('/orders/B/preparing', { at: at(3, 10) });
    await ok('/orders/B/ready-for-pickup', { at: at(3, 11), pickupLocation: 'the counter' });
    const pickedUp = await ok('/orders/B/picked-up', { at: at(4) });
    expect(pickedUp.json.order.status).toBe('done');

    // Cancelled before payment.
    await ok('/orders', placeOrder('C', 'ship', 1), 201);
    const cancelled = await ok('/orders/C/cancellation', { at: at(2, 13), reason: 'customer' });
    expect(cancelled.json.order.status).toBe('cancelled');

    // Claimed as never arrived, settled with a refund.
    await ok('/orders', placeOrder('D', 'ship', 1), 201);
    await ok('/orders/D/payments', { at: at(2, 14), paymentId: 'pD', amount: eur(2700), method: 'card' });
    await ok('/orders/D/shipment', { at: at(3, 16) });
    await ok('/orders/D/claims', { at: at(8), claimId: 'cD' });
    const settled = await ok('/orders/D/claims/cD/settlement', { at: at(9), settlement: 'refund' });
    expect(settled.json.order.refunded).toEqual(eur(2700));

    // Stock by hand: breakage, then a count.
    await ok('/stock/MUG/adjustments', { at: at(7), delta: -1, reason: 'breakage' });
    const recounted = await ok('/stock/MUG/recounts', { at: at(8), counted: 15 });
    expect(recounted.json.stock).toMatchObject({ sku: 'MUG', onHand: 15 });

    const stock = await get(url, '/stock');
    expect(stock.json.skus.map((sku: { sku: string }) => sku.sku)).toEqual(['MUG', 'TEA']);
    expect(stock.json.skus[0]).toMatchObject({ onHand: 15 });

    const ada = await get(url, '/customers/ada');
    expect(ada.status).toBe(200);
    expect(ada.json).toMatchObject({ customerId: 'ada', orderCount: 4, cancelledCount: 1 });
    expect(ada.json.entries.at(0).summary).toEqual(expect.stringContaining('Order A'));

    const customers = await get(url, '/customers');
    expect(customers.json.best.map((customer: { customerId: string }) => customer.customerId)).toEqual(['ada']);

    const board = await get(url, '/board');
    expect(board.json.inFlight.shipped.map((row: { orderId: string }) => row.orderId)).toEqual(['D']);

    const sweep = await get(url, '/sweep');
    expect(sweep.status).toBe(200);
    expect(sweep.json.stock.truthful).toBe(true);
    expect(sweep.json.refunds.changed_mind).toMatchObject({ refunds: 1 });

    // B was picked up without trouble: ask for a review. A came back and was refunded: no ask.
    const followUps = await get(url, '/follow-ups');
    expect(followUps.status).toBe(200);
    const asked = followUps.json.due.map((due: { kind: string; orderId?: string }) => `${due.kind} ${due.orderId}`);
    expect(asked).toContain('review-ask B');
    expect(asked).not.toContain('review-ask A');

    expect((await get(url, '/customers/nobody')).status).toBe(404);
  });

  it('answers every failure as problem details: bad JSON, a schema failure, a refusal, an unknown order', async () => {
    await post(url, '/orders', placeOrder('1001'));

    expectProblem(await post(url, '/orders/1001/payments', '{"at": '), 400, 'BAD_JSON');

    const invalid = await post(url, '/orders/1001/payments', {
      at: 'yesterday',
      paymentId: 'p1',
      amount: { amount: '45', currency: 'EUR' },
      method: 'card',
    });
    expectProblem(invalid, 422, 'COMMAND_INVALID');
    expect(invalid.json.errors.map((error: { path: string }) => error.path).sort()).toEqual(['amount.amount', 'at']);

    const clash = await post(url, '/orders/1001/preparing', { orderId: '1002', at: at(3) });
    expectProblem(clash, 422, 'COMMAND_INVALID');
    expect(clash.json.errors).toEqual([{ path: 'orderId', reason: expect.stringContaining('"1001" in the path') }]);

    expectProblem(await post(url, '/orders/1001/shipment', { at: at(3) }), 409, 'ORDER_NOT_PAID');
    expectProblem(await post(url, '/orders', placeOrder('1001')), 409, 'ORDER_ALREADY_EXISTS');
    expectProblem(
      await post(url, '/orders/1001/edits', {
        at: at(3),
        changes: [{ kind: 'QuantityChanged', lineId: 'l9', quantity: 1 }],
      }),
      422,
      'UNKNOWN_LINE',
    );
    expectProblem(await post(url, '/orders/nope/preparing', { at: at(3) }), 404, 'ORDER_NOT_FOUND');
    expectProblem(await get(url, '/orders/nope'), 404, 'ORDER_NOT_FOUND');
    expectProblem(await get(url, '/board?asOf=tuesday'), 400, 'BAD_PARAMETER');
    expectProblem(await get(url, '/nowhere'), 404, 'NOT_FOUND');
    expectProblem(
      await post(url, '/orders/1001/preparing', { at: at(3), note: 'x'.repeat(2_000_000) }),
      413,
      'BODY_TOO_LARGE',
    );

    // Nothing refused was written.
    expect((await get(url, '/orders/1001')).json.events).toHaveLength(1);
  });

  it('answers a retried POST with the same Idempotency-Key once, and refuses the key on another body', async () => {
    const body = placeOrder('1001');
    const headers = { 'idempotency-key': 'checkout-7f3a' };
    const first = await post(url, '/orders', body, headers);
    const again = await post(url, '/orders', body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('location')).toBe('/orders/1001');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // One order placed, one commitment of each SKU: the retry wrote nothing.
    expect((await get(url, '/orders/1001')).json.events).toHaveLength(1);
    const stock = await get(url, '/stock');
    expect(stock.json.skus.map((sku: { committed: number }) => sku.committed)).toEqual([2, 1]);

    // The other server (another process on the same store) replays the same answer.
    expect((await post(shop.second, '/orders', body, headers)).text).toBe(first.text);

    expectProblem(await post(url, '/orders', placeOrder('1002'), headers), 422, 'IDEMPOTENCY_KEY_REUSED');
    expectProblem(await get(url, '/orders/1002'), 404, 'ORDER_NOT_FOUND');

    // A refusal is an answer too: the same retry gets the same refusal, even once the order is paid.
    const ship = { at: at(3) };
    const refused = await post(url, '/orders/1001/shipment', ship, { 'idempotency-key': 'ship-1' });
    expectProblem(refused, 409, 'ORDER_NOT_PAID');
    await post(url, '/orders/1001/payments', { at: at(2, 10), paymentId: 'p1', amount: eur(4500), method: 'card' });
    expect((await post(url, '/orders/1001/shipment', ship, { 'idempotency-key': 'ship-1' })).text).toBe(refused.text);
  });

  it('answers 409 while a request with the key is running, and takes over a claim whose process died', async () => {
    const records = shop.shop.idempotency;
    const body = placeOrder('1001');
    const fingerprint = requestFingerprint('POST', '/orders', JSON.stringify(body));
    await records.claim('running', fingerprint, now);
    const busy = await post(url, '/orders', body, { 'idempotency-key': 'running' });
    expectProblem(busy, 409, 'IDEMPOTENCY_KEY_IN_USE');
    expect(busy.headers.get('retry-after')).toBe('1');
    expectProblem(await get(url, '/orders/1001'), 404, 'ORDER_NOT_FOUND');

    // A process claimed the key, wrote the order through the ledger, and died before answering.
    const longAgo = new Date(now.getTime() - 2 * claimLeaseMs);
    await records.claim('died', fingerprint, longAgo);
    await new OrderLedger(shop.shop.store).execute(body as LedgerCommand, { commandId: commandIdForKey('died') });
    const retried = await post(url, '/orders', body, { 'idempotency-key': 'died' });
    expect(retried.status).toBe(201);
    expect(retried.json.events.map((event: { type: string }) => event.type)).toEqual([
      'OrderPlaced',
      'StockCommitted',
      'StockCommitted',
    ]);
    expect((await get(url, '/orders/1001')).json.events).toHaveLength(1);
    expect((await post(url, '/orders', body, { 'idempotency-key': 'died' })).text).toBe(retried.text);
  });

  it('refuses a write whose If-Match is not the order’s revision with 412, writing nothing', async () => {
    const placed = await post(url, '/orders', placeOrder('1001'));
    const etag = placed.headers.get('etag');
    expect(etag).toBe('"0"');
    const pay = { at: at(2, 10), paymentId: 'p1', amount: eur(4500), method: 'card' };
    const paid = await post(url, '/orders/1001/payments', pay, { 'if-match': etag ?? '' });
    expect(paid.status).toBe(200);
    expect(paid.headers.get('etag')).toBe('"1"');

    // A second clerk still looking at revision 0.
    const stale = await post(url, '/orders/1001/preparing', { at: at(3) }, { 'if-match': '"0"' });
    expectProblem(stale, 412, 'REVISION_MISMATCH');
    const order = await get(url, '/orders/1001');
    expect(order.json.order.status).toBe('received');
    expect(order.headers.get('etag')).toBe('"1"');
    expectProblem(
      await post(url, '/orders/1001/preparing', { at: at(3) }, { 'if-match': 'W/"1"' }),
      400,
      'BAD_IF_MATCH',
    );
    expect((await post(url, '/orders/1001/preparing', { at: at(3) }, { 'if-match': '"1"' })).status).toBe(200);
    const onStock = await post(url, '/stock/MUG/adjustments', received, { 'if-match': '"0"' });
    expectProblem(onStock, 400, 'BAD_IF_MATCH');
  });

  it('shows a client its own write on the next read, on this server or another one on the same store', async () => {
    // Both servers' read models are caught up before the write.
    expect((await get(url, '/board')).json.inFlight.received).toEqual([]);
    expect((await get(shop.second, '/board')).json.inFlight.received).toEqual([]);

    const placed = await post(url, '/orders', placeOrder('1001'));
    const written = Number(placed.headers.get('ledger-position'));
    expect(written).toBeGreaterThan(0);

    for (const base of [shop.second, url]) {
      const board = await get(base, '/board', { 'ledger-after': String(written) });
      expect(board.json.inFlight.received.map((row: { orderId: string }) => row.orderId)).toEqual(['1001']);
      expect(Number(board.headers.get('ledger-position'))).toBeGreaterThanOrEqual(written);
    }
    const paid = await post(shop.second, '/orders/1001/payments', {
      at: at(2, 10),
      paymentId: 'p1',
      amount: eur(4500),
      method: 'card',
    });
    const afterPay = Number(paid.headers.get('ledger-position'));
    const board = await get(url, `/board?after=${afterPay}`);
    expect(board.json.pendingMoney).toEqual([]);
    const timeline = await get(url, '/customers/ada', { 'ledger-after': String(afterPay) });
    expect(timeline.json.paid).toBe(4500);
    // With no position at all, a read still catches up first.
    expect((await get(shop.second, '/stock')).json.skus[0]).toMatchObject({ sku: 'MUG', committed: 2 });
  });
});
