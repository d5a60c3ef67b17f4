import {
  type LedgerCommand,
  type LedgerEvent,
  LedgerModel,
  type LineKind,
  ledgerPolicy,
  seededRandomSource,
} from './demo-deps';

/** The demo shop's catalogue: consumables with a rhythm, gifts, and two digital products. */
const products: readonly { sku: string; title: string; price: number; kind: LineKind; consumable?: boolean }[] = [
  { sku: 'COFFEE-250', title: 'House coffee, 250 g', price: 1200, kind: 'physical', consumable: true },
  { sku: 'COFFEE-1KG', title: 'House coffee, 1 kg', price: 3900, kind: 'physical', consumable: true },
  { sku: 'TEA-SENCHA', title: 'Sencha tin', price: 1450, kind: 'physical', consumable: true },
  { sku: 'TEA-CHAI', title: 'Chai blend', price: 1100, kind: 'physical', consumable: true },
  { sku: 'FILTERS-100', title: 'Paper filters ×100', price: 650, kind: 'physical', consumable: true },
  { sku: 'MUG-BLUE', title: 'Blue mug', price: 1800, kind: 'physical' },
  { sku: 'MUG-GREEN', title: 'Green mug', price: 1800, kind: 'physical' },
  { sku: 'DRIPPER', title: 'Ceramic dripper', price: 3400, kind: 'physical' },
  { sku: 'KETTLE', title: 'Gooseneck kettle', price: 6900, kind: 'physical' },
  { sku: 'CANDLE', title: 'Beeswax candle', price: 2400, kind: 'physical' },
  { sku: 'GUIDE-PDF', title: 'Brewing guide (PDF)', price: 900, kind: 'digital' },
  { sku: 'GIFT-CARD', title: 'Gift card', price: 2500, kind: 'digital' },
];

export interface DemoYear {
  /** Each command's writes, in order: what the demo appends, one atomic append each. */
  readonly appends: readonly { readonly streamId: string; readonly event: LedgerEvent }[][];
  readonly orders: number;
  readonly from: string;
  readonly to: string;
}

const dayMs = 86_400_000;
const start = Date.parse('2025-12-01T08:00:00Z');
const end = Date.parse('2026-11-30T18:00:00Z');

/**
 * A year of a small coffee-and-tea shop, the same for the same seed: regulars who reorder on
 * their own clock, one-off gift buyers, pickups and shipments, edits before packing, same-day
 * cancellations and refunds, one damaged item of four, returns, breakage, counter sales,
 * recounts, a second packer from the autumn, and a few orders left stuck on purpose.
 */
export function demoYear(options: { readonly seed: number; readonly orders: number }): DemoYear {
  const random = seededRandomSource(options.seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const model = new LedgerModel(
    ledgerPolicy({ allowBackorders: false, justFixItBelow: { EUR: 3000 }, justFixItWith: 'refund' }),
  );
  const appends: { streamId: string; event: LedgerEvent }[][] = [];
  const run = (command: LedgerCommand): boolean => {
    const written = model.tryExecute(command);
    if (written === undefined) return false;
    if (written.length > 0) appends.push(written);
    return true;
  };
  const iso = (time: number) => new Date(Math.min(time, end)).toISOString();

  for (const product of products) {
    if (product.kind === 'physical')
      run({ type: 'AdjustStock', sku: product.sku, at: iso(start - dayMs), delta: 40, reason: 'received' });
  }

  const customers = Array.from({ length: Math.max(20, Math.round(options.orders / 4)) }, (_, index) => ({
    id: `c${String(index + 1).padStart(4, '0')}`,
    regular: chance(0.3),
    rhythmDays: 20 + Math.floor(random() * 25),
    favourite: pick(products.filter((product) => product.consumable === true)),
  }));
  const span = end - start;
  const step = span / options.orders;
  let lastStockCheck = start;

  for (let index = 0; index < options.orders; index += 1) {
    const placedAt = start + index * step + random() * step * 0.5;
    const orderId = `${1001 + index}`;
    const customer = chance(0.55) ? pick(customers.filter((candidate) => candidate.regular)) : pick(customers);
    if (customer === undefined) continue;

    // Keep the shelf stocked, and do what a shop does by hand.
    if (placedAt - lastStockCheck > 7 * dayMs) {
      lastStockCheck = placedAt;
      for (const product of products) {
        if (product.kind !== 'physical') continue;
        if (model.stock(product.sku).available < 15)
          run({ type: 'AdjustStock', sku: product.sku, at: iso(placedAt - 3_600_000), delta: 40, reason: 'received' });
      }
      const sku = pick(products.filter((product) => product.kind === 'physical')).sku;
      if (chance(0.35))
        run({
          type: 'AdjustStock',
          sku,
          at: iso(placedAt - 1_800_000),
          delta: -1,
          reason: 'breakage',
          note: 'dropped while shelving',
        });
      if (chance(0.7))
        run({
          type: 'AdjustStock',
          sku: pick(products.filter((product) => product.kind === 'physical')).sku,
          at: iso(placedAt - 900_000),
          delta: -(1 + Math.floor(random() * 2)),
          reason: 'in_person_sale',
        });
      if (chance(0.12)) {
        const counted = Math.max(0, model.stock(sku).onHand - (chance(0.6) ? 1 : 0));
        run({ type: 'RecountStock', sku, at: iso(placedAt - 600_000), counted });
      }
    }

    const lines: {
      lineId: string;
      sku: string;
      quantity: number;
      unitPrice: { amount: number; currency: string };
      kind: LineKind;
      title: string;
    }[] = [];
    const first = customer.regular && chance(0.8) ? customer.favourite : pick(products);
    const basket = [first, ...(chance(0.35) ? [pick(products)] : []), ...(chance(0.1) ? [pick(products)] : [])];
    for (const product of basket) {
      if (product === undefined || lines.some((line) => line.sku === product.sku)) continue;
      lines.push({
        lineId: `l${lines.length + 1}`,
        sku: product.sku,
        quantity: product.sku === 'MUG-BLUE' && chance(0.1) ? 4 : 1 + (chance(0.2) ? 1 : 0),
        unitPrice: { amount: product.price, currency: 'EUR' },
        kind: product.kind,
        title: product.title,
      });
    }
    const physical = lines.some((line) => line.kind === 'physical');
    const method = !physical ? 'none' : chance(0.38) ? 'pickup' : 'ship';
    const at = (hours: number) => iso(placedAt + hours * 3_600_000);
    const placed = run({
      type: 'PlaceOrder',
      orderId,
      customerId: customer.id,
      at: at(0),
      currency: 'EUR',
      lines,
      shipping: { amount: method === 'ship' ? 490 : 0, currency: 'EUR' },
      delivery:
        method === 'ship'
          ? {
              method,
              address: {
                line1: `${1 + (Number(customer.id.slice(1)) % 90)} Rua das Flores`,
                city: 'Porto',
                country: 'PT',
              },
            }
          : { method },
    });
    if (!placed) continue;
    const order = () => model.order(orderId);
    const recent = end - placedAt < 21 * dayMs;

    if (chance(0.04)) {
      const mug = lines.find((line) => line.sku.startsWith('MUG'));
      run({
        type: 'EditOrder',
        orderId,
        at: at(1),
        changes:
          mug !== undefined
            ? [
                {
                  kind: 'VariantSwapped',
                  lineId: mug.lineId,
                  sku: mug.sku === 'MUG-BLUE' ? 'MUG-GREEN' : 'MUG-BLUE',
                  unitPrice: mug.unitPrice,
                },
              ]
            : [{ kind: 'DeliveryNoteChanged', note: 'ring twice' }],
      });
    }
    const total = order().total.amount;
    if (chance(0.05) && total > 1000) {
      run({
        type: 'Pay',
        orderId,
        at: at(1.5),
        paymentId: `${orderId}-deposit`,
        amount: { amount: Math.floor(total / 2), currency: 'EUR' },
        method: 'bank_transfer',
      });
      if (!recent)
        run({
          type: 'Pay',
          orderId,
          at: at(30),
          paymentId: `${orderId}-rest`,
          amount: { amount: total - Math.floor(total / 2), currency: 'EUR' },
          method: 'bank_transfer',
        });
    } else if (!(recent && chance(0.05))) {
      run({
        type: 'Pay',
        orderId,
        at: at(1.5),
        paymentId: `${orderId}-card`,
        amount: { amount: total, currency: 'EUR' },
        method: method === 'pickup' && chance(0.3) ? 'cash' : 'card',
      });
    }
    // A cancellation or a same-day refund ends the story, when the ledger accepts it.
    if (
      chance(0.04) &&
      run({
        type: 'CancelOrder',
        orderId,
        at: at(5),
        reason: pick(['customer', 'customer', 'inventory', 'fraud'] as const),
      })
    ) {
      continue;
    }
    if (
      chance(0.025) &&
      physical &&
      order().paymentStatus === 'paid' &&
      run({
        type: 'RefundOrder',
        orderId,
        at: at(6),
        refundId: `${orderId}-sameday`,
        reason: 'changed_mind',
        lines: order().lines.map((line) => ({
          lineId: line.lineId,
          quantity: line.quantity - line.fulfilled,
          restock: 'cancel' as const,
        })),
        shipping: order().shipping,
      })
    ) {
      continue;
    }
    if (!physical) continue;
    // The last weeks hold the orders the sweep should find.
    if (recent && chance(0.15)) continue;
    const packer = placedAt > Date.parse('2026-09-01T00:00:00Z') && chance(0.4) ? 'kim' : 'sam';
    run({ type: 'StartPreparing', orderId, at: at(20), ...(recent && chance(0.2) ? {} : { preparedBy: packer }) });
    if (recent && chance(0.1)) continue;
    if (method === 'ship') {
      run({ type: 'Ship', orderId, at: at(26), carrier: 'CTT' });
      if (chance(0.015)) {
        run({ type: 'ClaimNeverArrived', orderId, at: at(24 * 7), claimId: `${orderId}-claim` });
        continue;
      }
      if (!(recent && chance(0.3))) run({ type: 'MarkDelivered', orderId, at: at(70) });
    } else {
      run({ type: 'MarkReadyForPickup', orderId, at: at(24) });
      if (recent && chance(0.15)) continue;
      if (!run({ type: 'MarkPickedUp', orderId, at: at(24 + 4 + random() * 60) })) {
        run({
          type: 'Pay',
          orderId,
          at: at(27),
          paymentId: `${orderId}-counter`,
          amount: { amount: order().total.amount - order().paid.amount, currency: 'EUR' },
          method: 'cash',
        });
        run({ type: 'MarkPickedUp', orderId, at: at(28) });
      }
    }
    const mugs = order().lines.find((line) => line.quantity === 4);
    if (mugs !== undefined && chance(0.5)) {
      run({
        type: 'RefundOrder',
        orderId,
        at: at(96),
        refundId: `${orderId}-damaged`,
        reason: 'damaged',
        lines: [{ lineId: mugs.lineId, quantity: 1, restock: 'none' }],
      });
    } else if (chance(0.02)) {
      const line = order().lines[0];
      if (line !== undefined)
        run({
          type: 'RefundOrder',
          orderId,
          at: at(120),
          refundId: `${orderId}-return`,
          reason: chance(0.5) ? 'wrong_item' : 'changed_mind',
          lines: [{ lineId: line.lineId, quantity: 1, restock: 'return' }],
        });
    }
  }
  return { appends, orders: options.orders, from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
