import { LedgerError } from '../errors/ledger-error';

export type StockRefusalCode =
  /**
   * Fewer units are available (on hand less promised) than the order wants.
   * @remedy Receive stock (`AdjustStock` with a positive delta) or sell fewer; a shop that sells
   * what it has not got yet gives the ledger `policy: { allowBackorders: true }`.
   */
  | 'OUT_OF_STOCK'
  /**
   * The movement would leave fewer than zero units on hand.
   * @remedy Receive or recount the SKU first (`AdjustStock`, `RecountStock`); a shipment beyond
   * what is on hand needs `policy: { allowBackorders: true }`.
   */
  | 'STOCK_NEGATIVE'
  /**
   * An adjustment would take units promised to orders.
   * @remedy Adjust by fewer units, release or ship the orders first, or pass `force: true` to take
   * them anyway.
   */
  | 'STOCK_PROMISED'
  /**
   * Units are released or shipped for an order line that has fewer units promised to it.
   * @remedy Release or ship at most the units committed to that line (see the SKU's stock:
   * `ledger.stock(sku)`).
   */
  | 'STOCK_NOT_COMMITTED'
  /**
   * An adjustment of zero or of a fraction, or a count below zero or not whole.
   * @remedy Adjust by a whole number of units other than zero; count a whole number ≥ 0.
   */
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
