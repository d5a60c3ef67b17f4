import fc from 'fast-check';
import type { OrderChange, OrderLine } from '../../catalogue/order-events';
import type { LedgerCommand } from '../../ledger/ledger-command';
import { LedgerOracle, type OraclePolicy } from './ledger-oracle';
import { openUnits, orderTotal, unitsWithBuyer } from './oracle-state';

/**
 * Random shop histories at the scale a real shop lives at: months of business, gaps from seconds
 * to weeks, many buyers and addresses, every command and every variant of it, valid or not. Each
 * wish is aimed with an independent oracle (`LedgerOracle`) so most land on an order where they
 * make sense; the rest are refused, and the refusals are compared too.
 */

export const historyCurrency = 'EUR';

export interface ShopProduct {
  readonly sku: string;
  readonly kind: 'physical' | 'digital';
  readonly unitPrice: number;
}

export const shopProducts: readonly ShopProduct[] = [
  { sku: 'MUG-BLUE', kind: 'physical', unitPrice: 1800 },
  { sku: 'MUG-GREEN', kind: 'physical', unitPrice: 1800 },
  { sku: 'TEA-250', kind: 'physical', unitPrice: 950 },
  { sku: 'CANDLE', kind: 'physical', unitPrice: 2400 },
  { sku: 'TEAPOT', kind: 'physical', unitPrice: 4500 },
  { sku: 'EBOOK-BREW', kind: 'digital', unitPrice: 700 },
  { sku: 'CLASS-ONLINE', kind: 'digital', unitPrice: 2500 },
];

export const shopCustomers = ['ada', 'grace', 'linus', 'margaret', 'alan', 'barbara', 'edsger', 'frances', 'ken'];

export const shopAddresses = [
  { line1: '1 Harbour Street', city: 'Porto', country: 'PT' },
  { line1: 'Rua Augusta 200', city: 'Lisboa', postalCode: '1100-053', country: 'PT' },
  { name: 'Grace H.', line1: '12 Rue de Rivoli', city: 'Paris', country: 'FR' },
  { line1: 'Kastanienallee 5', line2: 'Hinterhaus', city: 'Berlin', region: 'BE', country: 'DE' },
] as const;

/** From a few seconds to two weeks: a shop's quiet weeks and its busy minutes. */
const gapMs = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1_000, max: 120_000 }) },
  { weight: 4, arbitrary: fc.integer({ min: 120_000, max: 6 * 3_600_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 6 * 3_600_000, max: 3 * 86_400_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 3 * 86_400_000, max: 14 * 86_400_000 }) },
);

const ratio = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** A wish, to be made concrete against the shop as it stands. Numbers in [0, 1) pick among what exists. */
type Wish =
  | { kind: 'receive'; product: number; quantity: number }
  | {
      kind: 'adjust';
      product: number;
      delta: number;
      reason: 'breakage' | 'in_person_sale' | 'restock' | 'other';
      force: boolean;
      /** Take one unit more than is free: the sale of a unit promised to an order. */
      intoPromised: boolean;
    }
  | { kind: 'recount'; product: number; offset: number; belowPromised: boolean }
  | {
      kind: 'place';
      customer: number;
      address: number;
      lines: { product: number; quantity: number }[];
      delivery: 'ship' | 'pickup' | 'none';
      shipping: number;
      tax: number;
      discount: number;
      payAtPickup: boolean;
      reuseOrderId: boolean;
    }
  | { kind: 'advance'; order: number; variant: number }
  | { kind: 'pay'; order: number; part: 'full' | 'half' | 'too_much' | 'reuse_id' | 'reuse_other_amount' }
  | { kind: 'step'; order: number; step: 'prepare' | 'ready' | 'ship' | 'deliver' | 'pickup' }
  | {
      kind: 'edit';
      order: number;
      changes: {
        what: 'address' | 'note' | 'swap' | 'same_sku_price' | 'quantity';
        line: number;
        pick: number;
        quantity: number;
      }[];
    }
  | { kind: 'cancel'; order: number; refund: boolean }
  | {
      kind: 'refund';
      order: number;
      lines: { line: number; quantity: number; restock: 'none' | 'cancel' | 'return'; amount: number | undefined }[];
      shipping: boolean;
      other: number;
      reason: 'damaged' | 'wrong_item' | 'missing_item' | 'changed_mind' | 'price_adjustment' | 'other';
    }
  | {
      kind: 'refundAmount';
      order: number;
      how: 'part' | 'overpayment' | 'too_much' | 'same_id_again' | 'same_id_other_amount';
    }
  | {
      kind: 'return';
      order: number;
      entries: { line: number; quantity: number; condition: 'resellable' | 'damaged' }[];
      reuseRefundId: boolean;
    }
  | { kind: 'afterSale'; order: number }
  | { kind: 'claim'; order: number }
  | { kind: 'settle'; order: number; settlement: 'refund' | 'replacement' | 'split' | 'refused' }
  | { kind: 'unknown_order'; step: 'pay' | 'ship' }
  | { kind: 'unknown_line'; order: number };

const product = fc.nat({ max: shopProducts.length - 1 });
const physical = fc.constantFrom(...shopProducts.flatMap((item, index) => (item.kind === 'physical' ? [index] : [])));

const wish: fc.Arbitrary<Wish> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      product: physical,
      quantity: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      product: physical,
      delta: fc.integer({ min: -4, max: 3 }),
      reason: fc.constantFrom('breakage' as const, 'in_person_sale' as const, 'restock' as const, 'other' as const),
      force: fc.boolean(),
      intoPromised: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('recount' as const),
      product: physical,
      offset: fc.integer({ min: -3, max: 2 }),
      belowPromised: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      customer: fc.nat({ max: shopCustomers.length - 1 }),
      address: fc.nat({ max: shopAddresses.length }),
      lines: fc.array(fc.record({ product, quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
      delivery: fc.constantFrom('ship' as const, 'ship' as const, 'pickup' as const, 'none' as const),
      shipping: fc.constantFrom(0, 450, 690),
      tax: fc.constantFrom(0, 0, 230),
      discount: fc.constantFrom(0, 0, 0, 300, 50_000),
      payAtPickup: fc.boolean(),
      reuseOrderId: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
    }),
  },
  { weight: 14, arbitrary: fc.record({ kind: fc.constant('advance' as const), order: ratio, variant: ratio }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      order: ratio,
      part: fc.constantFrom(
        'full' as const,
        'half' as const,
        'too_much' as const,
        'reuse_id' as const,
        'reuse_other_amount' as const,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      order: ratio,
      step: fc.constantFrom(
        'prepare' as const,
        'ready' as const,
        'ship' as const,
        'deliver' as const,
        'pickup' as const,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      order: ratio,
      changes: fc.array(
        fc.record({
          what: fc.constantFrom(
            'address' as const,
            'note' as const,
            'swap' as const,
            'same_sku_price' as const,
            'quantity' as const,
          ),
          line: ratio,
          pick: product,
          quantity: fc.integer({ min: 1, max: 4 }),
        }),
        { minLength: 0, maxLength: 3 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), order: ratio, refund: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      order: ratio,
      lines: fc.array(
        fc.record({
          line: ratio,
          quantity: fc.integer({ min: 0, max: 3 }),
          restock: fc.constantFrom('none' as const, 'cancel' as const, 'return' as const),
          amount: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
        }),
        { minLength: 0, maxLength: 2 },
      ),
      shipping: fc.boolean(),
      other: fc.constantFrom(0, 0, 100, 5000),
      reason: fc.constantFrom(
        'damaged' as const,
        'wrong_item' as const,
        'missing_item' as const,
        'changed_mind' as const,
        'price_adjustment' as const,
        'other' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('refundAmount' as const),
      order: ratio,
      how: fc.constantFrom(
        'part' as const,
        'overpayment' as const,
        'too_much' as const,
        'same_id_again' as const,
        'same_id_other_amount' as const,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      order: ratio,
      entries: fc.array(
        fc.record({
          line: ratio,
          quantity: fc.integer({ min: 1, max: 3 }),
          condition: fc.constantFrom('resellable' as const, 'resellable' as const, 'damaged' as const),
        }),
        { minLength: 0, maxLength: 2 },
      ),
      reuseRefundId: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('claim' as const), order: ratio }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('afterSale' as const), order: ratio }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settle' as const),
      order: ratio,
      settlement: fc.constantFrom('refund' as const, 'replacement' as const, 'split' as const, 'refused' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknown_order' as const),
      step: fc.constantFrom('pay' as const, 'ship' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown_line' as const), order: ratio }) },
);

export interface ShopHistory {
  readonly policy: OraclePolicy;
  /** Commands in order: some accepted, some refused. Run from an empty store. */
  readonly commands: readonly LedgerCommand[];
}

export interface ShopHistoryOptions {
  readonly minSteps?: number;
  readonly maxSteps?: number;
}

export const oraclePolicyArbitrary: fc.Arbitrary<OraclePolicy> = fc.record({
  allowPayAtPickup: fc.boolean(),
  allowBackorders: fc.boolean(),
  justFixItBelow: fc.option(fc.constantFrom(1000, 3000, 10_000), { nil: undefined }),
  justFixItWith: fc.constantFrom('refund' as const, 'replacement' as const),
});

const historyStart = Date.parse('2026-01-05T09:00:00Z');

export function shopHistoryArbitrary(options: ShopHistoryOptions = {}): fc.Arbitrary<ShopHistory> {
  const minSteps = options.minSteps ?? 80;
  const maxSteps = options.maxSteps ?? 240;
  return fc
    .tuple(oraclePolicyArbitrary, fc.array(fc.tuple(wish, gapMs), { minLength: minSteps, maxLength: maxSteps }))
    .map(([policy, wishes]) => {
      const oracle = new LedgerOracle(policy);
      const commands: LedgerCommand[] = [];
      let now = historyStart;
      const emit = (command: LedgerCommand | undefined) => {
        if (command === undefined) return;
        commands.push(command);
        oracle.execute(command);
      };
      // The shop opens with stock on its shelves.
      for (const item of shopProducts) {
        if (item.kind === 'physical') {
          emit({ type: 'AdjustStock', sku: item.sku, at: new Date(now).toISOString(), delta: 4, reason: 'received' });
        }
      }
      for (const [index, [next, gap]] of wishes.entries()) {
        now += gap;
        emit(concrete(next, oracle, new Date(now).toISOString(), index));
      }
      return { policy, commands };
    });
}

/** Recent orders are picked more often: a shop works on this week's orders, not last year's. */
function pickOrder(oracle: LedgerOracle, at: number): string | undefined {
  const ids = oracle.orderIds;
  if (ids.length === 0) return undefined;
  const recent = Math.min(ids.length, 6);
  const index =
    at < 0.7 ? ids.length - 1 - Math.floor((at / 0.7) * recent) : Math.floor(((at - 0.7) / 0.3) * ids.length);
  return ids[Math.max(0, Math.min(ids.length - 1, index))];
}

const money = (amount: number) => ({ amount, currency: historyCurrency });

function concrete(next: Wish, oracle: LedgerOracle, at: string, step: number): LedgerCommand | undefined {
  const skuOf = (index: number) => shopProducts[index]?.sku ?? 'MUG-BLUE';
  switch (next.kind) {
    case 'receive':
      return { type: 'AdjustStock', sku: skuOf(next.product), at, delta: next.quantity, reason: 'received' };
    case 'adjust': {
      const shelf = oracle.stock(skuOf(next.product));
      const delta = next.intoPromised && shelf.committed > 0 ? -(Math.max(0, shelf.available) + 1) : next.delta;
      return {
        type: 'AdjustStock',
        sku: skuOf(next.product),
        at,
        delta,
        reason: next.reason,
        ...(next.force ? { force: true, note: 'sold at the counter' } : {}),
      };
    }
    case 'recount': {
      // Sometimes the shelf holds fewer than the orders were promised: their shipments must wait.
      const shelf = oracle.stock(skuOf(next.product));
      const counted =
        next.belowPromised && shelf.committed > 0 ? Math.max(0, shelf.committed - 1) : shelf.onHand + next.offset;
      return { type: 'RecountStock', sku: skuOf(next.product), at, counted };
    }
    case 'place':
      return place(next, oracle, at);
    case 'unknown_order':
      return next.step === 'pay'
        ? { type: 'Pay', orderId: 'no-such-order', at, paymentId: `p${step}`, amount: money(100), method: 'card' }
        : { type: 'Ship', orderId: 'no-such-order', at };
    case 'afterSale':
      return afterSale(oracle, next.order, at, step);
    default: {
      const orderId = pickOrder(oracle, next.order);
      if (orderId === undefined) return undefined;
      return orderWish(next, orderId, oracle, at, step);
    }
  }
}

function place(next: Extract<Wish, { kind: 'place' }>, oracle: LedgerOracle, at: string): LedgerCommand {
  const lines: OrderLine[] = next.lines.map((wanted, index) => {
    const item = shopProducts[wanted.product] ?? shopProducts[0];
    if (item === undefined) throw new Error('the catalogue is empty');
    return {
      lineId: `l${index + 1}`,
      sku: item.sku,
      quantity: wanted.quantity,
      unitPrice: money(item.unitPrice),
      kind: item.kind,
    };
  });
  const address = shopAddresses[next.address];
  const allDigital = lines.every((line) => line.kind === 'digital');
  // Mostly what a shop sends; sometimes a digital-only order has no delivery at all, sometimes a
  // shipped one forgot its address (refused).
  const method = allDigital && next.delivery !== 'pickup' ? 'none' : next.delivery;
  return {
    type: 'PlaceOrder',
    orderId: next.reuseOrderId ? (oracle.orderIds[0] ?? 'o1') : `o${oracle.orderIds.length + 1}`,
    customerId: shopCustomers[next.customer] ?? 'ada',
    at,
    currency: historyCurrency,
    lines,
    shipping: money(method === 'ship' ? next.shipping : 0),
    tax: money(next.tax),
    discount: money(next.discount),
    delivery:
      method === 'ship'
        ? address === undefined
          ? { method: 'ship' }
          : { method: 'ship', address }
        : method === 'pickup'
          ? { method: 'pickup', pickupLocation: 'Shop counter' }
          : { method: 'none' },
    ...(method === 'pickup' && next.payAtPickup ? { payAtPickup: true } : {}),
  };
}

function orderWish(
  next: Exclude<Wish, { kind: 'receive' | 'adjust' | 'recount' | 'place' | 'unknown_order' | 'afterSale' }>,
  orderId: string,
  oracle: LedgerOracle,
  at: string,
  step: number,
): LedgerCommand | undefined {
  const order = oracle.peekOrder(orderId);
  if (order === undefined) return undefined;
  const lineAt = (at01: number) => order.lines[Math.floor(at01 * order.lines.length)] ?? order.lines[0];
  const due = orderTotal(order) - order.paid;
  const kept = order.paid - order.refunded;
  switch (next.kind) {
    case 'advance':
      return advance(orderId, oracle, at, step, next.variant);
    case 'pay': {
      const [reused, amount] = [...order.payments.entries()][0] ?? [undefined, 0];
      if (next.part === 'reuse_id' && reused !== undefined) {
        return { type: 'Pay', orderId, at, paymentId: reused, amount: money(amount), method: 'card' };
      }
      if (next.part === 'reuse_other_amount' && reused !== undefined) {
        return { type: 'Pay', orderId, at, paymentId: reused, amount: money(amount + 1), method: 'card' };
      }
      const wanted = next.part === 'too_much' ? due + 1 : next.part === 'half' ? Math.max(1, Math.floor(due / 2)) : due;
      return {
        type: 'Pay',
        orderId,
        at,
        paymentId: `p${step}`,
        amount: money(wanted),
        method: step % 3 === 0 ? 'cash' : 'card',
      };
    }
    case 'step':
      return stepCommand(next.step, orderId, at, step);
    case 'edit': {
      const changes: OrderChange[] = next.changes.map((change): OrderChange => {
        const line = lineAt(change.line);
        const lineId = line?.lineId ?? 'l1';
        switch (change.what) {
          case 'address':
            return {
              kind: 'AddressChanged',
              address: shopAddresses[change.pick % shopAddresses.length] ?? shopAddresses[0],
            };
          case 'note':
            return { kind: 'DeliveryNoteChanged', note: 'leave it with the neighbour' };
          case 'swap': {
            const same = shopProducts.filter((item) => item.kind === line?.kind);
            const item = same[change.pick % Math.max(1, same.length)] ?? shopProducts[0];
            return {
              kind: 'VariantSwapped',
              lineId,
              sku: item?.sku ?? 'MUG-BLUE',
              unitPrice: money(item?.unitPrice ?? 1800),
            };
          }
          case 'same_sku_price':
            return {
              kind: 'VariantSwapped',
              lineId,
              sku: line?.sku ?? 'MUG-BLUE',
              unitPrice: money(Math.max(0, (line?.unitPrice ?? 1000) - 500)),
            };
          default:
            return { kind: 'QuantityChanged', lineId, quantity: change.quantity };
        }
      });
      return { type: 'EditOrder', orderId, at, changes };
    }
    case 'cancel':
      return { type: 'CancelOrder', orderId, at, reason: 'customer', refund: next.refund };
    case 'refund': {
      const lines = next.lines.map((entry) => ({
        lineId: lineAt(entry.line)?.lineId ?? 'l1',
        quantity: entry.quantity,
        restock: entry.restock,
        ...(entry.amount === undefined ? {} : { amount: money(entry.amount) }),
      }));
      return {
        type: 'RefundOrder',
        orderId,
        at,
        refundId: `r${step}`,
        reason: next.reason,
        lines,
        ...(next.shipping && order.shipping > order.shippingRefunded
          ? { shipping: money(order.shipping - order.shippingRefunded) }
          : {}),
        ...(next.other > 0 ? { other: money(next.other) } : {}),
      };
    }
    case 'refundAmount': {
      const [earlierId, earlier] = [...order.refunds.entries()][0] ?? [];
      if (earlierId !== undefined && earlier !== undefined && next.how.startsWith('same_id')) {
        // A refund sent again under its id: the same one (a retry), or another one by mistake.
        const again = next.how === 'same_id_again' ? earlier.amount : earlier.amount + 1;
        return { type: 'RefundAmount', orderId, at, refundId: earlierId, reason: 'other', amount: money(again) };
      }
      const overpaid = Math.max(0, order.paid - orderTotal(order) - order.otherRefunded);
      const amount =
        next.how === 'too_much'
          ? kept + 1
          : next.how === 'overpayment' && overpaid > 0
            ? overpaid
            : Math.max(1, Math.floor(kept / 3));
      return { type: 'RefundAmount', orderId, at, refundId: `r${step}`, reason: 'other', amount: money(amount) };
    }
    case 'return': {
      // An id used before: a return's (the same return again, or another under its id) or a refund's
      // (a different namespace: a new return).
      const used = [...order.returns.keys()][0] ?? [...order.refunds.keys()][0];
      const returnId = next.reuseRefundId ? (used ?? `ret${step}`) : `ret${step}`;
      const lines = next.entries.map((entry) => ({
        lineId: lineAt(entry.line)?.lineId ?? 'l1',
        quantity: entry.quantity,
        condition: entry.condition,
      }));
      return { type: 'ReceiveReturn', orderId, at, returnId, lines };
    }
    case 'claim':
      return { type: 'ClaimNeverArrived', orderId, at, claimId: `c${step}` };
    case 'settle': {
      const claim = order.claims.find((candidate) => candidate.settlement === undefined) ?? order.claims[0];
      return {
        type: 'SettleNeverArrived',
        orderId,
        at,
        claimId: claim?.claimId ?? `c${step}`,
        settlement: next.settlement,
      };
    }
    case 'unknown_line':
      return {
        type: 'ReceiveReturn',
        orderId,
        at,
        returnId: `ret${step}`,
        lines: [{ lineId: 'l9', quantity: 1, condition: 'resellable' }],
      };
  }
}

function stepCommand(
  kind: 'prepare' | 'ready' | 'ship' | 'deliver' | 'pickup',
  orderId: string,
  at: string,
  step: number,
): LedgerCommand {
  switch (kind) {
    case 'prepare':
      return { type: 'StartPreparing', orderId, at, ...(step % 2 === 0 ? { preparedBy: 'sam' } : {}) };
    case 'ready':
      return { type: 'MarkReadyForPickup', orderId, at };
    case 'ship':
      return {
        type: 'Ship',
        orderId,
        at,
        carrier: 'CTT',
        ...(step % 2 === 0 ? { trackingNumber: `RR${step}PT` } : {}),
      };
    case 'deliver':
      return { type: 'MarkDelivered', orderId, at };
    case 'pickup':
      return { type: 'MarkPickedUp', orderId, at };
  }
}

/** One unit of a line refunded, the commonest after-sale refund. */
function refundOneUnit(
  orderId: string,
  lineId: string,
  restock: 'none' | 'return',
  reason: 'damaged' | 'changed_mind',
  at: string,
  step: number,
): LedgerCommand {
  return { type: 'RefundOrder', orderId, at, refundId: `r${step}`, reason, lines: [{ lineId, quantity: 1, restock }] };
}

/** One unit of a line back from the buyer. */
function returnOneUnit(
  orderId: string,
  lineId: string,
  condition: 'resellable' | 'damaged',
  at: string,
  step: number,
): LedgerCommand {
  return { type: 'ReceiveReturn', orderId, at, returnId: `ret${step}`, lines: [{ lineId, quantity: 1, condition }] };
}

/**
 * A damaged unit comes back from a delivered order, and then is refunded as returned: the path
 * where a refund once recorded a phantom resellable unit. Looks for such an order from the pick on.
 */
function afterSale(oracle: LedgerOracle, pick: number, at: string, step: number): LedgerCommand | undefined {
  const ids = oracle.orderIds;
  for (let offset = 0; offset < ids.length; offset += 1) {
    const orderId = ids[(Math.floor(pick * ids.length) + offset) % ids.length] ?? '';
    const order = oracle.peekOrder(orderId);
    if (order === undefined || order.status !== 'done') continue;
    const damagedUnrefunded = order.lines.find(
      (line) => line.returnedDamaged > 0 && line.returnedDamaged + line.returnedResellable > line.refundedAsReturn,
    );
    if (damagedUnrefunded !== undefined && damagedUnrefunded.refundedUnits < damagedUnrefunded.quantity) {
      return refundOneUnit(orderId, damagedUnrefunded.lineId, 'return', 'damaged', at, step);
    }
    const out = order.lines.find((line) => line.kind === 'physical' && unitsWithBuyer(line) > 0);
    if (out !== undefined) {
      return returnOneUnit(orderId, out.lineId, 'damaged', at, step);
    }
  }
  return undefined;
}

/** The next step a shop would take with the order: pay it, pack it, send it, or after-sale. */
function advance(
  orderId: string,
  oracle: LedgerOracle,
  at: string,
  step: number,
  variant: number,
): LedgerCommand | undefined {
  const order = oracle.peekOrder(orderId);
  if (order === undefined) return undefined;
  const due = orderTotal(order) - order.paid;
  const physicalOpen = order.lines.some((line) => line.kind === 'physical' && openUnits(line) > 0);
  const pickup = order.deliveryMethod === 'pickup';
  const withBuyer = order.lines.find((line) => line.kind === 'physical' && unitsWithBuyer(line) > 0);
  const overpaid = order.status === 'cancelled' ? 0 : Math.max(0, order.paid - orderTotal(order) - order.otherRefunded);
  if (overpaid > 0 && variant < 0.6) {
    return { type: 'RefundAmount', orderId, at, refundId: `r${step}`, reason: 'other', amount: money(overpaid) };
  }
  const bigLine = order.lines.find((line) => line.quantity > 1 && line.fulfilled === 0);
  const unfulfilled = order.lines.every((line) => line.fulfilled === 0);
  if (due <= 0 && order.paid > 0 && unfulfilled && bigLine !== undefined && variant > 0.9) {
    // The buyer changes their mind after paying: one unit fewer, and the store owes the difference.
    return {
      type: 'EditOrder',
      orderId,
      at,
      changes: [{ kind: 'QuantityChanged', lineId: bigLine.lineId, quantity: bigLine.quantity - 1 }],
    };
  }
  switch (order.status) {
    case 'received':
      if (due > 0 && !(pickup && oracle.policy.allowPayAtPickup && variant < 0.3)) {
        return { type: 'Pay', orderId, at, paymentId: `p${step}`, amount: money(due), method: 'card' };
      }
      return stepCommand(variant < 0.5 ? 'prepare' : pickup ? 'ready' : 'ship', orderId, at, step);
    case 'preparing':
      if (due > 0 && !pickup)
        return { type: 'Pay', orderId, at, paymentId: `p${step}`, amount: money(due), method: 'card' };
      return stepCommand(pickup ? (variant < 0.6 ? 'ready' : 'pickup') : 'ship', orderId, at, step);
    case 'ready_for_pickup':
      if (due > 0 && variant < 0.5)
        return { type: 'Pay', orderId, at, paymentId: `p${step}`, amount: money(due), method: 'cash' };
      return stepCommand('pickup', orderId, at, step);
    case 'shipped':
      return variant < 0.85
        ? stepCommand('deliver', orderId, at, step)
        : { type: 'ClaimNeverArrived', orderId, at, claimId: `c${step}` };
    case 'done': {
      // A unit back from the buyer (resellable or damaged) and not yet refunded: refund it.
      const backUnrefunded = order.lines.find(
        (line) =>
          line.returnedResellable + line.returnedDamaged > line.refundedAsReturn && line.refundedUnits < line.quantity,
      );
      if (backUnrefunded !== undefined && variant < 0.8) {
        return refundOneUnit(orderId, backUnrefunded.lineId, 'return', 'damaged', at, step);
      }
      if (withBuyer === undefined || physicalOpen) return undefined;
      if (variant < 0.6) {
        return returnOneUnit(orderId, withBuyer.lineId, variant < 0.25 ? 'resellable' : 'damaged', at, step);
      }
      if (variant < 0.8) {
        return refundOneUnit(orderId, withBuyer.lineId, variant < 0.7 ? 'return' : 'none', 'changed_mind', at, step);
      }
      return undefined;
    }
    case 'cancelled':
      return undefined;
  }
}
