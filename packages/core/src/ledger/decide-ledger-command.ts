import type { OrderEvent } from '../catalogue/order-events';
import type { StockEvent } from '../catalogue/stock-events';
import { decideOrder } from '../order/order-decider';
import type { OrderState } from '../order/order-state';
import { evolveStock } from '../stock/evolve-stock';
import { decideStock } from '../stock/stock-decider';
import { stockMovementsFor } from '../stock/stock-movements';
import type { StockState } from '../stock/stock-state';
import { isStockCommand, type LedgerCommand, type LedgerPolicy } from './ledger-command';

/** The events one command writes, per stream. The order stream (if any) comes first. */
export interface LedgerDecision {
  readonly order: { readonly orderId: string; readonly events: readonly OrderEvent[] } | undefined;
  readonly stock: ReadonlyMap<string, readonly StockEvent[]>;
}

/**
 * The SKUs whose stock a command will touch, known once the order's events are decided: load
 * these streams before calling `decideLedgerCommand`.
 */
export function skusTouchedBy(
  command: LedgerCommand,
  orderState: OrderState | undefined,
  policy: LedgerPolicy,
): string[] {
  if (isStockCommand(command)) return [command.sku];
  if (orderState === undefined) throw new Error('an order command needs the order state');
  const events = decideOrder(command, orderState, policy);
  return [...new Set(stockMovementsFor(orderState, events).map((movement) => movement.sku))];
}

/**
 * Decides a ledger command against the states it reads: the order's, and each touched SKU's.
 * Pure: the same states and command always give the same decision, or the same refusal.
 * An order command whose stock movement is refused (out of stock) is refused whole.
 */
export function decideLedgerCommand(
  command: LedgerCommand,
  orderState: OrderState | undefined,
  stockState: (sku: string) => StockState,
  policy: LedgerPolicy,
): LedgerDecision {
  if (isStockCommand(command)) {
    const events = decideStock(command, stockState(command.sku), policy);
    return { order: undefined, stock: new Map(events.length > 0 ? [[command.sku, events]] : []) };
  }
  if (orderState === undefined) throw new Error('an order command needs the order state');
  const orderEvents = decideOrder(command, orderState, policy);
  const stock = new Map<string, StockEvent[]>();
  const states = new Map<string, StockState>();
  for (const movement of stockMovementsFor(orderState, orderEvents)) {
    const before = states.get(movement.sku) ?? stockState(movement.sku);
    const events = decideStock(movement, before, policy);
    let after = before;
    for (const event of events) after = evolveStock(after, event);
    states.set(movement.sku, after);
    stock.set(movement.sku, [...(stock.get(movement.sku) ?? []), ...events]);
  }
  return { order: { orderId: command.orderId, events: orderEvents }, stock };
}
