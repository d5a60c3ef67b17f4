import {
  evolveStock,
  initialStockState,
  type RecordedEvent,
  type StockEvent,
  type StockState,
} from '@order-ledger/core';
import type { StockCountsState } from './stock-counts-state';

export interface CountDifference {
  readonly sku: string;
  /** What the counts were compared with: a fresh fold of the history, or a count on the shelf. */
  readonly against: 'fresh-fold' | 'recount';
  readonly field: 'onHand' | 'committed' | 'available';
  readonly counts: number;
  readonly expected: number;
}

export interface TruthCheck {
  /** True when nothing below needs a look. */
  readonly truthful: boolean;
  readonly differences: readonly CountDifference[];
  /** SKUs promised beyond what is on the shelf. */
  readonly oversold: readonly { readonly sku: string; readonly available: number }[];
  /** SKUs never recounted, or not since `staleAfterDays`. */
  readonly staleCounts: readonly { readonly sku: string; readonly lastCountedAt: string | null }[];
  /** SKUs whose last recounts all came out short: shrinkage, not bad luck. */
  readonly shrinking: readonly { readonly sku: string; readonly missingUnits: number }[];
}

export interface TruthCheckOptions {
  /** A physical count per SKU, given by the person who counted. */
  readonly recount?: Readonly<Record<string, number>>;
  /** When to call a count stale. Default 90 days before `asOf`. */
  readonly staleAfterDays?: number;
  /** How many recounts in a row must come out short to call it shrinkage. Default 2. */
  readonly shrinkageRecounts?: number;
  readonly asOf?: Date;
}

/**
 * Does the stock still tell the truth? Compares the projected counts with a fresh fold of the
 * history by the stock aggregate itself (a different fold of the same events), and with a
 * physical recount when one is given, and lists every difference; then flags oversold SKUs,
 * stale counts and steady shrinkage.
 */
export function truthCheck(
  counts: StockCountsState,
  history: Iterable<RecordedEvent>,
  options: TruthCheckOptions = {},
): TruthCheck {
  const fresh = new Map<string, StockState>();
  for (const event of history) {
    if (!event.streamId.startsWith('stock-')) continue;
    const stockEvent = event as RecordedEvent<StockEvent>;
    fresh.set(stockEvent.data.sku, evolveStock(fresh.get(stockEvent.data.sku) ?? initialStockState(), stockEvent));
  }
  const differences: CountDifference[] = [];
  const skus = [...new Set([...counts.skus.keys(), ...fresh.keys(), ...Object.keys(options.recount ?? {})])].sort();
  for (const sku of skus) {
    const projected = counts.skus.get(sku);
    const folded = fresh.get(sku) ?? initialStockState();
    for (const field of ['onHand', 'committed', 'available'] as const) {
      const value = projected?.[field] ?? 0;
      if (value !== folded[field])
        differences.push({ sku, against: 'fresh-fold', field, counts: value, expected: folded[field] });
    }
    const shelf = options.recount?.[sku];
    if (shelf !== undefined && shelf !== (projected?.onHand ?? 0)) {
      differences.push({ sku, against: 'recount', field: 'onHand', counts: projected?.onHand ?? 0, expected: shelf });
    }
  }

  const asOf = options.asOf ?? new Date();
  const staleBefore = asOf.getTime() - (options.staleAfterDays ?? 90) * 86_400_000;
  const needed = options.shrinkageRecounts ?? 2;
  const oversold: { sku: string; available: number }[] = [];
  const staleCounts: { sku: string; lastCountedAt: string | null }[] = [];
  const shrinking: { sku: string; missingUnits: number }[] = [];
  for (const entry of [...counts.skus.values()].sort((a, b) => a.sku.localeCompare(b.sku))) {
    if (entry.available < 0) oversold.push({ sku: entry.sku, available: entry.available });
    if (entry.lastCountedAt === null || Date.parse(entry.lastCountedAt) < staleBefore) {
      staleCounts.push({ sku: entry.sku, lastCountedAt: entry.lastCountedAt });
    }
    const recounts = entry.adjustments.filter((adjustment) => adjustment.reason === 'recount').slice(-needed);
    if (recounts.length === needed && recounts.every((adjustment) => adjustment.delta < 0)) {
      shrinking.push({
        sku: entry.sku,
        missingUnits: -recounts.reduce((sum, adjustment) => sum + adjustment.delta, 0),
      });
    }
  }
  return {
    truthful: differences.length === 0 && oversold.length === 0 && shrinking.length === 0,
    differences,
    oversold,
    staleCounts,
    shrinking,
  };
}
