import {
  amountDue,
  type EventStore,
  formatMoney,
  type Money,
  OrderLedger,
  type OrderState,
  refundOwed,
  type StockState,
} from '@order-ledger/core';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const day = (n: number, hour = 9) => `2026-03-${String(n).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };

export interface QuickstartResult {
  readonly orders: readonly OrderState[];
  readonly stock: readonly StockState[];
  readonly eventCount: number;
  readonly refusals: readonly string[];
}

/**
 * A week in a small shop, told as commands: stock arrives, three orders come in, one ships and
 * has a damaged mug refunded, one is cancelled the same day, one waits for pickup. Every step is
 * an event; the states printed at the end are folds of those events.
 */
export async function runQuickstart(store: EventStore): Promise<QuickstartResult> {
  const ledger = new OrderLedger(store);
  const refusals: string[] = [];

  await ledger.execute({ type: 'AdjustStock', sku: 'MUG-BLUE', at: day(1), delta: 10, reason: 'received' });
  await ledger.execute({ type: 'AdjustStock', sku: 'TEA-250', at: day(1), delta: 6, reason: 'received' });

  // Ada buys four mugs and a tea, shipped; one mug arrives broken.
  await ledger.execute({
    type: 'PlaceOrder',
    orderId: '1001',
    customerId: 'ada',
    at: day(2),
    currency: 'EUR',
    lines: [
      { lineId: 'l1', sku: 'MUG-BLUE', quantity: 4, unitPrice: eur(1800), kind: 'physical', title: 'Blue mug' },
      { lineId: 'l2', sku: 'TEA-250', quantity: 1, unitPrice: eur(950), kind: 'physical', title: 'Loose tea' },
    ],
    shipping: eur(450),
    delivery: { method: 'ship', address },
  });
  await ledger.execute({
    type: 'Pay',
    orderId: '1001',
    at: day(2, 10),
    paymentId: 'pay-1',
    amount: eur(8600),
    method: 'card',
  });
  await ledger.execute({ type: 'StartPreparing', orderId: '1001', at: day(3), preparedBy: 'sam' });
  await ledger.execute({ type: 'Ship', orderId: '1001', at: day(3, 15), carrier: 'CTT', trackingNumber: 'RR123' });
  await ledger.execute({ type: 'MarkDelivered', orderId: '1001', at: day(5) });
  await ledger.execute({
    type: 'RefundOrder',
    orderId: '1001',
    at: day(6),
    refundId: 'refund-1',
    reason: 'damaged',
    lines: [{ lineId: 'l1', quantity: 1, restock: 'none' }],
  });

  // Grace orders two mugs, pays, and cancels the same afternoon: her money goes back, the mugs too.
  await ledger.execute({
    type: 'PlaceOrder',
    orderId: '1002',
    customerId: 'grace',
    at: day(4),
    currency: 'EUR',
    lines: [{ lineId: 'l1', sku: 'MUG-BLUE', quantity: 2, unitPrice: eur(1800), kind: 'physical' }],
    shipping: eur(450),
    delivery: { method: 'ship', address },
  });
  await ledger.execute({
    type: 'Pay',
    orderId: '1002',
    at: day(4, 11),
    paymentId: 'pay-2',
    amount: eur(4050),
    method: 'card',
  });
  await ledger.execute({ type: 'CancelOrder', orderId: '1002', at: day(4, 16), reason: 'customer' });

  // Linus reserves tea for pickup and pays a deposit; shipping it unpaid is refused.
  await ledger.execute({
    type: 'PlaceOrder',
    orderId: '1003',
    customerId: 'linus',
    at: day(5),
    currency: 'EUR',
    lines: [{ lineId: 'l1', sku: 'TEA-250', quantity: 5, unitPrice: eur(950), kind: 'physical' }],
    delivery: { method: 'pickup' },
  });
  await ledger.execute({
    type: 'Pay',
    orderId: '1003',
    at: day(5),
    paymentId: 'pay-3',
    amount: eur(2000),
    method: 'cash',
  });
  try {
    await ledger.execute({ type: 'MarkReadyForPickup', orderId: '1003', at: day(6) });
  } catch (error) {
    refusals.push(error instanceof Error ? error.message : String(error));
  }

  // A mug breaks on the shelf; a recount finds one tea fewer than the ledger thought.
  await ledger.execute({ type: 'AdjustStock', sku: 'MUG-BLUE', at: day(6), delta: -1, reason: 'breakage' });
  await ledger.execute({ type: 'RecountStock', sku: 'TEA-250', at: day(7), counted: 4 });

  return {
    orders: await Promise.all(['1001', '1002', '1003'].map((id) => ledger.order(id))),
    stock: await Promise.all(['MUG-BLUE', 'TEA-250'].map((sku) => ledger.stock(sku))),
    eventCount: await countEvents(store),
    refusals,
  };
}

/** The result as the lines a shopkeeper would read. */
export function describeQuickstart(result: QuickstartResult): string {
  const lines = ['Orders'];
  for (const order of result.orders) {
    lines.push(
      `  #${order.orderId} ${order.customerId.padEnd(6)} ${order.status.padEnd(10)} ${order.paymentStatus.padEnd(18)}` +
        ` total ${formatMoney(order.total)}  paid ${formatMoney(order.paid)}  refunded ${formatMoney(order.refunded)}` +
        `  due ${formatMoney(amountDue(order))}  owed back ${formatMoney(refundOwed(order))}`,
    );
  }
  lines.push('Stock');
  for (const stock of result.stock) {
    lines.push(
      `  ${stock.sku.padEnd(9)} on hand ${stock.onHand}  committed ${stock.committed}  available ${stock.available}`,
    );
  }
  lines.push('Refused, as it should be');
  for (const refusal of result.refusals) lines.push(`  ${refusal}`);
  lines.push(`${result.eventCount} events recorded.`);
  return lines.join('\n');
}

async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  for await (const _ of store.readAll()) count += 1;
  return count;
}
