/**
 * @order-ledger/projection-stock-counts: per-SKU counts with the adjustment history, and a truth
 * check against a fresh fold and a physical recount.
 */
export { evolveStockCounts, stockCounts } from './stock-counts';
export { type Adjustment, initialStockCountsState, type SkuCounts, type StockCountsState } from './stock-counts-state';
export { type CountDifference, type TruthCheck, type TruthCheckOptions, truthCheck } from './truth-check';
