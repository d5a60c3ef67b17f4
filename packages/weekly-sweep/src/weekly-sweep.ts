import { utc } from '@date-fns/utc';
import { type LedgerGaps, ledgerGapsIn, type RecordedEvent } from '@order-ledger/core';
import {
  type BoardRow,
  type BoardState,
  boardView,
  type PendingMoney,
  type StoreRhythm,
  stuckReasons,
} from '@order-ledger/projection-orders-board';
import { type StockCountsState, type TruthCheck, truthCheck } from '@order-ledger/projection-stock-counts';
import { subDays, subMonths } from 'date-fns';
import { periodOf, type RevenueFigures, revenue } from './revenue';

export interface SweepInput {
  readonly board: BoardState;
  readonly stock: StockCountsState;
  /** The history the stock counts were folded from, for the truth check's fresh fold. */
  readonly history: Iterable<RecordedEvent>;
  readonly rhythm: StoreRhythm;
  readonly asOf: Date;
  /** A physical count per SKU, when the shelf was counted this week. */
  readonly recount?: Readonly<Record<string, number>>;
  /** How many past weeks to look back for the signs. Default 4. */
  readonly weeks?: number;
}

/** A sign that the store has outgrown a weekly rhythm, with the evidence. */
export type OutgrownSign =
  | {
      readonly kind: 'stuck-week-after-week';
      readonly consecutiveWeeks: number;
      readonly stuckPerWeek: readonly number[];
    }
  | { readonly kind: 'packing-errors'; readonly refunds: number; readonly byReason: Readonly<Record<string, number>> }
  | { readonly kind: 'unassigned-preparation'; readonly preparers: number; readonly orders: readonly string[] };

export interface WeeklySweep {
  readonly asOf: string;
  readonly weekFrom: string;
  readonly stuck: readonly BoardRow[];
  readonly pendingMoney: readonly PendingMoney[];
  readonly stock: TruthCheck;
  /**
   * What a writer that died half-way left (stores without atomic multi-stream appends): stock
   * reserved for orders never recorded, and recorded orders whose stock movements never landed.
   * `reconcileLedger` (CLI: `order-ledger reconcile`) sets both right.
   */
  readonly ledgerGaps: LedgerGaps;
  /** The week's movements by hand: breakage, in-person sales, everything else. */
  readonly adjustments: Readonly<Record<string, { readonly entries: number; readonly units: number }>>;
  /** The week's refunds by reason: how many, their money per currency, and how many units came back. */
  readonly refunds: Readonly<
    Record<
      string,
      { readonly refunds: number; readonly amounts: Readonly<Record<string, number>>; readonly returnedUnits: number }
    >
  >;
  readonly outgrown: readonly OutgrownSign[];
  /**
   * Money taken, given back and kept, per currency: the ISO week `asOf` falls in and the week
   * before, the month and the month before (only those where money moved).
   */
  readonly revenue: { readonly weeks: readonly RevenueFigures[]; readonly months: readonly RevenueFigures[] };
}

const packingReasons = new Set(['wrong_item', 'missing_item']);

/**
 * The weekly sweep: what is stuck, what money is pending, whether the stock still tells the
 * truth (with the week's breakage, in-person sales and refund returns by reason), and the signs
 * that the store has outgrown doing this once a week. It reads the board and the stock counts
 * where they meet; neither read model reaches into the other.
 */
export function weeklySweep(input: SweepInput): WeeklySweep {
  const { asOf, board, stock, rhythm } = input;
  const weeks = input.weeks ?? 4;
  const weekFrom = subDays(asOf, 7, { in: utc });
  const inWeek = (at: string) => {
    const time = Date.parse(at);
    return time > weekFrom.getTime() && time <= asOf.getTime();
  };
  const view = boardView(board, rhythm, asOf);

  const adjustments: Record<string, { entries: number; units: number }> = {};
  for (const counts of stock.skus.values()) {
    for (const adjustment of counts.adjustments) {
      if (!inWeek(adjustment.at) || adjustment.reason === 'received') continue;
      const entry = adjustments[adjustment.reason] ?? { entries: 0, units: 0 };
      entry.entries += 1;
      entry.units += adjustment.delta;
      adjustments[adjustment.reason] = entry;
    }
  }

  const refunds: Record<string, { refunds: number; amounts: Record<string, number>; returnedUnits: number }> = {};
  for (const order of board.orders.values()) {
    for (const refund of order.refunds) {
      if (!inWeek(refund.at)) continue;
      const entry = refunds[refund.reason] ?? { refunds: 0, amounts: {}, returnedUnits: 0 };
      entry.refunds += 1;
      // Never added across currencies.
      entry.amounts[order.currency] = (entry.amounts[order.currency] ?? 0) + refund.amount;
      entry.returnedUnits += refund.returnedUnits;
      refunds[refund.reason] = entry;
    }
  }

  return {
    asOf: asOf.toISOString(),
    weekFrom: weekFrom.toISOString(),
    stuck: view.stuck,
    pendingMoney: view.pendingMoney,
    stock: truthCheck(stock, input.history, {
      asOf,
      ...(input.recount === undefined ? {} : { recount: input.recount }),
    }),
    ledgerGaps: ledgerGapsIn(input.history, { asOf }),
    adjustments,
    refunds,
    outgrown: outgrownSigns(board, rhythm, asOf, weeks),
    revenue: recentRevenue(input.history, asOf),
  };
}

/** The revenue figures of the ISO week and the month `asOf` falls in, and of the one before each. */
function recentRevenue(history: Iterable<RecordedEvent>, asOf: Date): WeeklySweep['revenue'] {
  const figures = revenue(history, { asOf });
  const weeks = [asOf, subDays(asOf, 7, { in: utc })].map((at) => periodOf(at, 'week').period);
  const months = [asOf, subMonths(asOf, 1, { in: utc })].map((at) => periodOf(at, 'month').period);
  return {
    weeks: figures.weeks.filter((row) => weeks.includes(row.period)),
    months: figures.months.filter((row) => months.includes(row.period)),
  };
}

/** The signs that a weekly sweep is no longer enough, looking back `weeks` weeks from `asOf`. */
export function outgrownSigns(board: BoardState, rhythm: StoreRhythm, asOf: Date, weeks: number): OutgrownSign[] {
  const signs: OutgrownSign[] = [];
  const orders = [...board.orders.values()];

  // Stuck orders at each of the last weeks' sweeps, newest first.
  const stuckPerWeek: number[] = [];
  for (let week = 0; week < weeks; week += 1) {
    const at = subDays(asOf, 7 * week, { in: utc });
    stuckPerWeek.push(orders.filter((order) => stuckReasons(order, rhythm, at).length > 0).length);
  }
  let consecutive = 0;
  while (consecutive < stuckPerWeek.length && (stuckPerWeek[consecutive] ?? 0) > 0) consecutive += 1;
  if (consecutive >= 2) signs.push({ kind: 'stuck-week-after-week', consecutiveWeeks: consecutive, stuckPerWeek });

  const since = subDays(asOf, 7 * weeks, { in: utc }).getTime();
  const byReason: Record<string, number> = {};
  for (const order of orders) {
    for (const refund of order.refunds) {
      const time = Date.parse(refund.at);
      if (time > since && time <= asOf.getTime() && packingReasons.has(refund.reason)) {
        byReason[refund.reason] = (byReason[refund.reason] ?? 0) + 1;
      }
    }
  }
  const packingErrors = Object.values(byReason).reduce((sum, count) => sum + count, 0);
  if (packingErrors > 0) signs.push({ kind: 'packing-errors', refunds: packingErrors, byReason });

  const preparers = board.preparers.size;
  const unassigned = orders
    .filter((order) => order.status === 'preparing' && order.preparedBy === null)
    .map((order) => order.orderId)
    .sort();
  if (preparers > 1 && unassigned.length > 0)
    signs.push({ kind: 'unassigned-preparation', preparers, orders: unassigned });
  return signs;
}
