import { z } from 'zod';
import type { StockEvent } from '../catalogue/stock-events';
import { commandFingerprint as digestOf } from '../command/command-fingerprint';
import type { SnapshotFold } from '../event-store/snapshotted-fold';
import { evolveStock } from './evolve-stock';
import { initialStockState, type StockState } from './stock-state';

/**
 * Bump when `evolveStock` would fold the same events into another state, or `StockState` changes
 * shape: every kept snapshot is then folded again from the start, once, and replaced.
 */
const stockFoldRevision = 1;

/**
 * One of each kind of movement, folded when the module loads. What the fold makes of them is part
 * of the version, so a change to the fold that forgets the bump above still retires the snapshots
 * of the old fold (as far as these events show it; the bump is the rule, this is the net).
 */
const probe: readonly StockEvent[] = [
  { type: 'StockAdjusted', data: { at: '2026-01-01T00:00:00Z', sku: 'P', delta: 9, reason: 'received' } },
  { type: 'StockCommitted', data: { at: '2026-01-01T00:00:00Z', sku: 'P', orderId: 'o', lineId: 'a', quantity: 3 } },
  { type: 'StockCommitted', data: { at: '2026-01-01T00:00:00Z', sku: 'P', orderId: 'o', lineId: 'b', quantity: 2 } },
  {
    type: 'StockReleased',
    data: { at: '2026-01-01T00:00:00Z', sku: 'P', orderId: 'o', lineId: 'b', quantity: 1, cause: 'edited' },
  },
  { type: 'StockShippedOut', data: { at: '2026-01-01T00:00:00Z', sku: 'P', orderId: 'o', lineId: 'a', quantity: 3 } },
  { type: 'StockReturned', data: { at: '2026-01-01T00:00:00Z', sku: 'P', orderId: 'o', lineId: 'a', quantity: 1 } },
  { type: 'StockAdjusted', data: { at: '2026-01-02T00:00:00Z', sku: 'P', delta: -1, reason: 'breakage' } },
  {
    type: 'StockAdjusted',
    data: { at: '2026-01-03T00:00:00Z', sku: 'P', delta: 2, reason: 'recount', counted: 8 },
  },
];

/** The version a snapshot of `evolve`'s states carries: the revision we bump, and what it makes of the probe. */
export function stockFoldVersion(
  revision: number,
  evolve: (state: StockState, event: StockEvent) => StockState,
): string {
  const states: StockState[] = [];
  let state = initialStockState();
  for (const event of probe) {
    state = evolve(state, event);
    states.push(state);
  }
  // `lastCountedAt` is undefined until a recount: written out, so a field that starts undefined still shows.
  const digest = digestOf(JSON.stringify(states, (_key, value: unknown) => (value === undefined ? null : value)));
  return `${revision}.${digest}`;
}

const count = z.number().int();

/** What a kept stock state must look like to be used. */
const savedStockState = z.strictObject({
  sku: z.string(),
  onHand: count,
  committed: count,
  available: count,
  commitments: z.record(z.string(), count),
  received: count,
  adjusted: count,
  shippedOut: count,
  returned: count,
  lastCountedAt: z.string().optional(),
});

/** A SKU's stock as a snapshot fold: how the ledger loads a SKU stream without folding all of it. */
export const stockSnapshotFold: SnapshotFold<StockState, StockEvent> = {
  name: 'stock',
  version: stockFoldVersion(stockFoldRevision, evolveStock),
  initialState: initialStockState,
  evolve: evolveStock,
  restore: (saved) => {
    const parsed = savedStockState.safeParse(saved);
    if (!parsed.success) return undefined;
    const state = parsed.data;
    // A state the fold could never make (the sum does not hold) is not used either.
    if (state.available !== state.onHand - state.committed) return undefined;
    return {
      sku: state.sku,
      onHand: state.onHand,
      committed: state.committed,
      available: state.available,
      commitments: state.commitments,
      received: state.received,
      adjusted: state.adjusted,
      shippedOut: state.shippedOut,
      returned: state.returned,
      lastCountedAt: state.lastCountedAt,
    };
  },
};
