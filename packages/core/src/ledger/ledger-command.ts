import type { OrderCommand } from '../order/order-commands';
import type { OrderPolicy } from '../order/order-policy';
import { defaultOrderPolicy } from '../order/order-policy';
import type { AdjustStock, RecountStock } from '../stock/stock-commands';
import type { StockPolicy } from '../stock/stock-policy';
import { defaultStockPolicy } from '../stock/stock-policy';

/**
 * What a caller asks of the ledger: anything about an order, or a stock movement by hand.
 * Commitments, releases and shipments of stock are never asked for directly: they follow from
 * order events (see `stockMovementsFor`).
 */
export type LedgerCommand = OrderCommand | AdjustStock | RecountStock;

/** The store's rules for orders and stock together. */
export interface LedgerPolicy extends OrderPolicy, StockPolicy {}

export const defaultLedgerPolicy: LedgerPolicy = { ...defaultOrderPolicy, ...defaultStockPolicy };

export function ledgerPolicy(overrides: Partial<LedgerPolicy> = {}): LedgerPolicy {
  return { ...defaultLedgerPolicy, ...overrides };
}

export function isStockCommand(command: LedgerCommand): command is AdjustStock | RecountStock {
  return command.type === 'AdjustStock' || command.type === 'RecountStock';
}
