import type { OrderEvent } from '../catalogue/order-events';
import type { StockEvent } from '../catalogue/stock-events';
import { decideOrder } from '../order/order-decider';
import type { OrderState } from '../order/order-state';
import { evolveStock } from '../stock/evolve-stock';
import type { StockCommand } from '../stock/stock-commands';
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
 * The first half of a decision: the order's events (for an order command) and the stock
 * movements the command calls for. The SKUs of those movements are the stock streams to load
 * before `decideStockMovements`, so the order is decided once, not once to find the SKUs and again
 * to decide.
 */
export interface LedgerPlan {
  readonly order: { readonly orderId: string; readonly events: readonly OrderEvent[] } | undefined;
  readonly movements: readonly StockCommand[];
}

export function planLedgerCommand(
  command: LedgerCommand,
  orderState: OrderState | undefined,
  policy: LedgerPolicy,
): LedgerPlan {
  if (isStockCommand(command)) return { order: undefined, movements: [command] };
  if (orderState === undefined) throw new Error('an order command needs the order state');
  const events = decideOrder(command, orderState, policy);
  return { order: { orderId: command.orderId, events }, movements: stockMovementsFor(orderState, events) };
}

/**
 * The second half: each movement decided by the stock decider against its SKU's state, in turn,
 * so two movements of one SKU see each other. A refused movement (out of stock) refuses the whole
 * command. SKUs whose movements yield no events are left out.
 */
export function decideStockMovements(
  movements: readonly StockCommand[],
  stockState: (sku: string) => StockState,
  policy: LedgerPolicy,
): Map<string, StockEvent[]> {
  const stock = new Map<string, StockEvent[]>();
  const states = new Map<string, StockState>();
  for (const movement of movements) {
    const before = states.get(movement.sku) ?? stockState(movement.sku);
    const events = decideStock(movement, before, policy);
    let after = before;
    for (const event of events) after = evolveStock(after, event);
    states.set(movement.sku, after);
    if (events.length > 0) stock.set(movement.sku, [...(stock.get(movement.sku) ?? []), ...events]);
  }
  return stock;
}

/**
 * Decides a ledger command against the states it reads: the order's, and each touched SKU's.
 * Pure: the same states and command always give the same decision, or the same refusal.
 */
export function decideLedgerCommand(
  command: LedgerCommand,
  orderState: OrderState | undefined,
  stockState: (sku: string) => StockState,
  policy: LedgerPolicy,
): LedgerDecision {
  const plan = planLedgerCommand(command, orderState, policy);
  return { order: plan.order, stock: decideStockMovements(plan.movements, stockState, policy) };
}
