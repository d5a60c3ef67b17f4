import { EmailSender, WebhookSender } from '@order-ledger/outbox';
import { startSmtpReceiver, startWebhookReceiver } from '@order-ledger/outbox/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buyerNotesWorker, trackingLinks } from './buyer-notes';
import { type Answer, get, post } from './testing/http';
import { postgresAnswers, type StoreKind, startTestShop, type TestShop } from './testing/test-shop';
import { TrackingTokens } from './tracking-tokens';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const tokens = new TrackingTokens('a tracking secret only these tests know, 32+ characters');
const webhookSecret = 'buyer notes webhook secret';
/** Monday 2 March 2026 at `hour`, or `day` days later. */
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 2, 2 + day, hour, minute)).toISOString();

const placeOrder = (orderId: string, delivery: 'ship' | 'pickup') => ({
  type: 'PlaceOrder',
  orderId,
  customerId: `buyer-${orderId}`,
  at: at(0, 9),
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1800), kind: 'physical' }],
  delivery:
    delivery === 'ship'
      ? { method: 'ship', address: { line1: '1 Analytical Row', city: 'London', country: 'GB' } }
      : { method: 'pickup', pickupLocation: 'the Harbour Street counter' },
});

const postgres = await postgresAnswers();
const stores: StoreKind[] = postgres ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(stores)("the buyer's side on %s", (kind) => {
  let shop: TestShop;
  let now: Date;
  const closing: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    now = new Date(at(0, 8));
    // Ships on Thursdays: the promise the pages below word.
    shop = await startTestShop(kind, {
      clock: () => now,
      tracking: tokens,
      rhythm: { promise: { kind: 'weekdays', weekdays: [4] } },
    });
    expect(
      (await post(shop.url, '/stock/MUG/adjustments', { at: at(0, 7), delta: 10, reason: 'received' })).status,
    ).toBe(200);
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    await shop.close();
  });

  /** A step of the shop at `when`, which becomes the API's "now". */
  async function step(when: string, path: string, body: Record<string, unknown> = {}): Promise<Answer> {
    now = new Date(when);
    const answer = await post(shop.url, path, { at: when, ...body });
    expect(answer.status, answer.text).toBeLessThan(300);
    return answer;
  }
  const track = (orderId: string, token: string | undefined, accept = 'application/json') =>
    get(shop.url, `/track/${orderId}${token === undefined ? '' : `?token=${token}`}`, { accept });

  it('sends each buyer note of a shipped order once, across a worker restart, linking the tracking page', async () => {
    const receiver = await startWebhookReceiver(webhookSecret);
    closing.push(() => receiver.close());
    const sender = new WebhookSender({
      url: receiver.url,
      secret: webhookSecret,
      shopName: 'Harbour Mugs',
      trackingUrl: trackingLinks(tokens, shop.url),
    });
    const worker = () => buyerNotesWorker({ store: shop.shop.store, sender, clock: () => now });
    let running = await worker();

    const placed = await step(at(0, 9), '/orders', placeOrder('o1', 'ship'));
    expect(placed.json.trackingUrl).toBe(tokens.pathFor('o1'));
    await running.round();
    expect(receiver.received).toEqual([]);
    await step(at(0, 10), '/orders/o1/payments', { paymentId: 'p1', amount: eur(1800), method: 'card' });
    await running.round();
    await step(at(1, 9), '/orders/o1/preparing');
    await running.round();
    // The worker stops here and another starts: what was sent is not sent again.
    running = await worker();
    await running.round();
    await step(at(3, 15), '/orders/o1/shipment', { carrier: 'Royal Mail', trackingNumber: 'RM123GB' });
    await running.round();
    await running.round();
    await step(at(5, 11), '/orders/o1/delivered');
    await running.round();
    await step(at(6, 9), '/orders/o1/amount-refunds', { refundId: 'r1', amount: eur(250), reason: 'damaged' });
    running = await worker();
    await running.round();
    await running.round();

    // Each once: a round sends what it claimed side by side, so the order within a round is free.
    const ids = receiver.received.map((request) => request.id);
    expect([...ids].sort()).toEqual(
      [
        'buyer-note:o1:confirmed',
        'buyer-note:o1:preparing',
        'buyer-note:o1:shipped',
        'buyer-note:o1:delivered',
        'review-ask:o1',
        'buyer-note:o1:refund:1',
      ].sort(),
    );
    expect(receiver.received.every((request) => request.signed)).toBe(true);
    const bodyOf = (id: string) => receiver.received.find((request) => request.id === id)?.body;
    const shipped = bodyOf('buyer-note:o1:shipped');
    expect(shipped?.text).toContain('left us with Royal Mail on Thursday 5 March. Its tracking number is RM123GB.');
    expect(shipped?.trackingUrl).toBe(new URL(tokens.pathFor('o1'), shop.url).toString());
    expect(shipped?.text).toContain(`Follow your order here: ${shipped?.trackingUrl}`);
    expect(bodyOf('buyer-note:o1:refund:1')?.subject).toBe('A refund of EUR 2.50 for order o1');
    // The link in the note opens the order's page.
    const page = await get(shipped?.trackingUrl ?? '', '', { accept: 'application/json' });
    expect(page.json.status).toBe('Delivered');
  });

  it('mails a pickup order its notes over SMTP, each once', async () => {
    const smtp = await startSmtpReceiver();
    closing.push(() => smtp.close());
    const sender = new EmailSender({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      from: '"Harbour Mugs" <hello@harbour-mugs.example>',
      shopName: 'Harbour Mugs',
      recipient: async (message) => ({ email: `${message.customerId}@buyers.example` }),
      trackingUrl: trackingLinks(tokens, shop.url),
    });
    const worker = await buyerNotesWorker({ store: shop.shop.store, sender, clock: () => now });
    await step(at(0, 9), '/orders', placeOrder('p1', 'pickup'));
    await step(at(0, 9, 5), '/orders/p1/payments', { paymentId: 'p1', amount: eur(1800), method: 'card' });
    await step(at(1, 9), '/orders/p1/ready-for-pickup', { pickupLocation: 'the Harbour Street counter' });
    await worker.round();
    await worker.round();
    await step(at(2, 17), '/orders/p1/picked-up');
    await worker.round();
    expect([...smtp.accepted].sort()).toEqual(
      ['buyer-note:p1:confirmed', 'buyer-note:p1:ready-for-pickup', 'buyer-note:p1:picked-up', 'review-ask:p1'].sort(),
    );
    expect(smtp.received).toHaveLength(4);
    const ready = smtp.received.find((mail) => mail.id === 'buyer-note:p1:ready-for-pickup');
    expect(ready?.to).toEqual(['buyer-p1@buyers.example']);
    expect(ready?.raw).toContain('ready to collect at the Harbour Street counter');
  });

  it("shows the order in the buyer's words with the promised day at each step, as JSON and HTML", async () => {
    await step(at(0, 9), '/orders', placeOrder('o1', 'ship'));
    const token = tokens.tokenFor('o1');
    expect((await track('o1', token)).json).toMatchObject({ status: 'Waiting for payment', promise: null });
    await step(at(0, 10), '/orders/o1/payments', { paymentId: 'p1', amount: eur(1800), method: 'card' });
    // Paid Monday; ships on Thursdays.
    expect((await track('o1', token)).json).toMatchObject({
      status: 'Confirmed',
      promise: 'Ships Thursday 5 March',
      promisedBy: '2026-03-05T23:59:59.999Z',
      next: 'We prepare it next. Ships Thursday 5 March.',
      tracking: null,
    });
    await step(at(1, 9), '/orders/o1/preparing');
    const preparing = await track('o1', token, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(preparing.status).toBe(200);
    expect(preparing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(preparing.headers.get('cache-control')).toBe('no-store');
    expect(preparing.text).toContain('<p class="status" role="status">Being prepared</p>');
    expect(preparing.text).toContain('<dt>Promised</dt><dd>Ships Thursday 5 March</dd>');
    expect(preparing.text).toContain('<html lang="en">');
    expect(preparing.text).not.toMatch(/preparing|received|ready_for_pickup/);
    // Past the promised day and still being prepared: said plainly.
    now = new Date(at(4, 9));
    expect((await track('o1', token)).json).toMatchObject({
      status: 'Being prepared',
      promise: 'Running late: promised to ship Thursday 5 March',
    });
    await step(at(4, 15), '/orders/o1/shipment', { carrier: 'Royal Mail', trackingNumber: 'RM123GB' });
    const shipped = await track('o1', token);
    expect(shipped.json).toMatchObject({
      status: 'On its way',
      promise: null,
      tracking: { carrier: 'Royal Mail', trackingNumber: 'RM123GB' },
    });
    expect(shipped.json.history.map((entry: { what: string }) => entry.what)).toEqual([
      'Order placed',
      'Order confirmed',
      'Being prepared',
      'Shipped with Royal Mail',
    ]);
    await step(at(5, 11), '/orders/o1/delivered');
    expect((await track('o1', token)).json).toMatchObject({ status: 'Delivered', next: null });

    await step(at(0, 9), '/orders', placeOrder('p1', 'pickup'));
    await step(at(0, 9), '/orders/p1/payments', { paymentId: 'p1', amount: eur(1800), method: 'card' });
    expect((await track('p1', tokens.tokenFor('p1'))).json.promise).toBe('Ready for pickup from Thursday 5 March');
  });

  it('answers 404 alike to a wrong token, a missing one and an order that does not exist', async () => {
    await step(at(0, 9), '/orders', placeOrder('o1', 'ship'));
    const answers = [
      await track('o1', tokens.tokenFor('o2')),
      await track('o1', undefined),
      await track('o1', `${tokens.tokenFor('o1').slice(0, -1)}A`),
      await track('o2', tokens.tokenFor('o2')),
      await track('o1', new TrackingTokens('another server secret of 32+ characters').tokenFor('o1')),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ code: 'TRACKING_NOT_FOUND' });
    }
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    const page = await track('o1', 'nope', 'text/html');
    expect(page.status).toBe(404);
    expect(page.text).toContain('<h1>Order not found</h1>');
    expect(page.text).not.toContain('o1');
  });

  it('lists an order on the board as silent after four days with nothing told to its buyer, and drops it when something is', async () => {
    await step(at(0, 9), '/orders', placeOrder('o1', 'ship'));
    await step(at(0, 10), '/orders/o1/payments', { paymentId: 'p1', amount: eur(1800), method: 'card' });
    const silentAt = async (when: string, after?: string) => {
      now = new Date(when);
      const board = await get(shop.url, '/board', after === undefined ? {} : { 'ledger-after': after });
      return board.json.silent.map((quiet: { orderId: string; silentDays: number }) => [
        quiet.orderId,
        quiet.silentDays,
      ]);
    };
    expect(await silentAt(at(4, 9, 59))).toEqual([]);
    expect(await silentAt(at(4, 10))).toEqual([['o1', 4]]);
    const preparing = await step(at(4, 11), '/orders/o1/preparing');
    expect(await silentAt(at(4, 12), preparing.headers.get('ledger-position') ?? undefined)).toEqual([]);
    expect(await silentAt(at(8, 11))).toEqual([['o1', 4]]);
  });
});
