import { medianOf } from './median';

/** One purchase of a SKU by one customer. */
export interface SkuPurchase {
  readonly customerId: string;
  readonly sku: string;
  readonly at: string;
  readonly quantity: number;
}

const dayMs = 86_400_000;

/**
 * Each SKU's reorder rhythm: the median number of days between a customer's consecutive
 * purchases of it, over every customer who bought it more than once. SKUs nobody reordered are
 * absent. Shared by the best-customers analytics and the reorder nudges, which read the same
 * purchases from their own folds.
 */
export function reorderRhythmDays(purchases: Iterable<SkuPurchase>): Map<string, number> {
  const byCustomerSku = new Map<string, number[]>();
  for (const purchase of purchases) {
    const key = `${purchase.sku}\u0000${purchase.customerId}`;
    const times = byCustomerSku.get(key) ?? [];
    times.push(Date.parse(purchase.at));
    byCustomerSku.set(key, times);
  }
  const gaps = new Map<string, number[]>();
  for (const [key, times] of byCustomerSku) {
    const sku = key.slice(0, key.indexOf('\u0000'));
    times.sort((a, b) => a - b);
    for (let index = 1; index < times.length; index += 1) {
      const gap = ((times[index] ?? 0) - (times[index - 1] ?? 0)) / dayMs;
      gaps.set(sku, [...(gaps.get(sku) ?? []), gap]);
    }
  }
  const rhythm = new Map<string, number>();
  for (const [sku, list] of gaps) {
    const median = medianOf(list);
    if (median !== undefined) rhythm.set(sku, median);
  }
  return rhythm;
}
