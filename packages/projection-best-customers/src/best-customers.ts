import type { Address, OrderEvent, Projection, RecordedEvent } from '@order-ledger/core';
import { type BestCustomersState, initialBestCustomersState } from './best-customers-state';

/** One delivery address, however it was typed: case and spacing do not make a new address. */
export function addressKey(address: Address | undefined): string | null {
  if (address === undefined) return null;
  const clean = (value: string | undefined) => (value ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  return [
    clean(address.line1),
    clean(address.line2),
    clean(address.postalCode),
    clean(address.city),
    clean(address.country),
  ].join('|');
}

/** Folds one order event into the analytics state, in place. */
export function evolveBestCustomers(state: BestCustomersState, recorded: RecordedEvent): BestCustomersState {
  const event = recorded as RecordedEvent<OrderEvent>;
  const orderId = recorded.streamId.slice('order-'.length);
  if (event.type === 'OrderPlaced') {
    const { data } = event;
    const list = state.customers.get(data.customerId) ?? [];
    state.customers.set(data.customerId, list);
    const lines: Record<string, { sku: string; quantity: number }> = {};
    for (const line of data.lines) lines[line.lineId] = { sku: line.sku, quantity: line.quantity };
    list.push({
      orderId,
      placedAt: data.at,
      currency: data.currency,
      paid: 0,
      refunded: 0,
      cancelled: false,
      skus: skusOf(lines),
    });
    state.orders.set(orderId, {
      customerId: data.customerId,
      index: list.length - 1,
      address: data.delivery.address ?? null,
      lines,
    });
    return state;
  }
  const where = state.orders.get(orderId);
  const order = where === undefined ? undefined : state.customers.get(where.customerId)?.[where.index];
  if (where === undefined || order === undefined) return state;
  // The events below change the customer's order list in place: its row is written at the next save.
  state.customers.touch(where.customerId);
  switch (event.type) {
    case 'Paid':
      order.paid += event.data.amount.amount;
      break;
    case 'Refunded':
      order.refunded += event.data.amount.amount;
      break;
    case 'OrderCancelled':
      order.cancelled = true;
      break;
    case 'OrderEdited':
      state.orders.touch(orderId);
      for (const change of event.data.changes) {
        if (change.kind === 'AddressChanged') where.address = change.address ?? null;
        const line = 'lineId' in change ? where.lines[change.lineId] : undefined;
        if (line === undefined) continue;
        if (change.kind === 'VariantSwapped') line.sku = change.sku;
        if (change.kind === 'QuantityChanged') line.quantity = change.quantity;
      }
      order.skus = skusOf(where.lines);
      break;
    case 'NeverArrivedClaimed': {
      state.claimsByCustomer.set(where.customerId, (state.claimsByCustomer.get(where.customerId) ?? 0) + 1);
      const address = addressKey(where.address ?? undefined);
      if (address !== null) state.claimsByAddress.set(address, (state.claimsByAddress.get(address) ?? 0) + 1);
      break;
    }
    default:
      break;
  }
  return state;
}

/** Units per SKU over an order's lines. */
function skusOf(lines: Readonly<Record<string, { sku: string; quantity: number }>>): Record<string, number> {
  const skus: Record<string, number> = {};
  for (const { sku, quantity } of Object.values(lines)) skus[sku] = (skus[sku] ?? 0) + quantity;
  return skus;
}

/** Best-customer analytics as a projection. */
export const bestCustomers: Projection<BestCustomersState> = {
  name: 'best-customers',
  version: 3,
  eventTypes: ['OrderPlaced', 'Paid', 'Refunded', 'OrderCancelled', 'OrderEdited', 'NeverArrivedClaimed'],
  initialState: initialBestCustomersState,
  evolve: evolveBestCustomers,
};
