import type { LedgerCommand } from '@order-ledger/core';

/**
 * The commands of `orders` new orders, each from checkout to delivery: PlaceOrder, Pay,
 * StartPreparing, Ship, MarkDelivered. Each order takes one unit of one of the synthetic history's
 * 200 SKUs (in turn), so PlaceOrder and Ship read a SKU stream as long as the history made it,
 * and the other three only the new order's stream. The same list runs on a small store and a
 * large one; ids (`bench-<n>`) never meet the history's.
 */
export function newOrderCommands(orders: number): LedgerCommand[] {
  const commands: LedgerCommand[] = [];
  const start = Date.parse('2027-01-04T09:00:00Z');
  for (let index = 0; index < orders; index += 1) {
    const orderId = `bench-${index}`;
    const at = (hours: number) => new Date(start + index * 60_000 + hours * 3_600_000).toISOString();
    const unitPrice = { amount: 1200, currency: 'EUR' };
    commands.push(
      {
        type: 'PlaceOrder',
        orderId,
        at: at(0),
        customerId: `bench-c${index % 97}`,
        currency: 'EUR',
        lines: [
          {
            lineId: 'l0',
            sku: `SKU-${String(index % 200).padStart(3, '0')}`,
            quantity: 1,
            unitPrice,
            kind: 'physical',
          },
        ],
        shipping: { amount: 450, currency: 'EUR' },
        delivery: { method: 'ship', address: { line1: '1 Main St', city: 'Porto', country: 'PT' } },
      },
      {
        type: 'Pay',
        orderId,
        at: at(1),
        paymentId: `bench-p${index}`,
        amount: { amount: 1650, currency: 'EUR' },
        method: 'card',
      },
      { type: 'StartPreparing', orderId, at: at(20) },
      { type: 'Ship', orderId, at: at(26), carrier: 'CTT' },
      { type: 'MarkDelivered', orderId, at: at(70) },
    );
  }
  return commands;
}
