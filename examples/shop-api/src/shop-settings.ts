import type { EventStore } from '@order-ledger/core';
import type { StoreRhythm } from '@order-ledger/projection-orders-board';

/** What the routes share: the store, and the shop's own rules for its reads. */
export interface ShopSettings {
  readonly store: EventStore;
  /** When orders should ship and when they count as stuck. */
  readonly rhythm: StoreRhythm;
  /** "Now" for a read without `asOf`: the wall clock, unless a test fixes it. */
  readonly clock: () => Date;
  /** The SKUs to send reorder nudges for (lifespan in days if known); default every stocked SKU. */
  readonly consumables: Readonly<Record<string, { readonly lifespanDays?: number }>> | undefined;
}
