import { LedgerError } from '../errors/ledger-error';

export type StockRefusalCode =
  | 'OUT_OF_STOCK'
  | 'STOCK_NEGATIVE'
  | 'STOCK_PROMISED'
  | 'STOCK_NOT_COMMITTED'
  | 'STOCK_INVALID';

/** Why the stock decider refused: not enough units, or a movement the history cannot support. */
export class StockRefusedError extends LedgerError {
  readonly code: StockRefusalCode;
  readonly sku: string;

  constructor(code: StockRefusalCode, sku: string, message: string) {
    super(`SKU ${sku}: ${message}`);
    this.code = code;
    this.sku = sku;
  }
}

/** A checkout lost the race for the last units: `available` is what was left. */
export class OutOfStockError extends StockRefusedError {
  readonly requested: number;
  readonly available: number;

  constructor(sku: string, requested: number, available: number) {
    super('OUT_OF_STOCK', sku, `${requested} wanted, ${Math.max(0, available)} available`);
    this.requested = requested;
    this.available = available;
  }
}
