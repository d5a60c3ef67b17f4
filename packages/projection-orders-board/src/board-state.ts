import { type BuyerFacts, KeptCollection, type OrderStatus } from '@order-ledger/core';
import { moneyPending } from './board-queries';

/** One line, as far as the board needs it: enough to know when every unit is cancelled or out. */
export interface BoardLine {
  readonly lineId: string;
  sku: string;
  readonly kind: 'physical' | 'digital';
  quantity: number;
  fulfilled: number;
  cancelled: number;
}

/** A status an order entered, and when: the board can tell what an order looked like last Friday. */
export interface StatusChange {
  readonly status: OrderStatus;
  readonly at: string;
}

export interface BoardRefund {
  readonly at: string;
  readonly reason: string;
  readonly amount: number;
  /** Units refunded as returned, for the sweep's "refund returns by reason". */
  readonly returnedUnits: number;
}

/** An order on the board. Amounts are minor units of `currency`. */
export interface BoardOrder {
  readonly orderId: string;
  readonly customerId: string;
  /** 1 for the customer's first order, 3 for their third: a returning buyer is never a stranger. */
  readonly customerOrdinal: number;
  readonly placedAt: string;
  readonly delivery: 'ship' | 'pickup' | 'none';
  readonly payAtPickup: boolean;
  readonly currency: string;
  status: OrderStatus;
  statusSince: string;
  total: number;
  paid: number;
  refunded: number;
  /** Refunded amounts not tied to a line or shipping: tax, overpayments, goodwill. */
  otherRefunded: number;
  preparedBy: string | null;
  openClaims: number;
  /** A "never arrived" claim was made: the claim, not the carrier, decides what happens next. */
  claimed: boolean;
  lines: BoardLine[];
  history: StatusChange[];
  refunds: BoardRefund[];
  /** What the buyer has been told, by the one rule of buyer-visible changes: for silent orders. */
  readonly buyer: BuyerFacts;
}

/** How the board has let settled orders go so far. */
export interface BoardEviction {
  /** Business time of the last pass that let settled orders go. */
  lastPassAt: string | null;
  /** Orders let go after settling: done or cancelled, nothing owed, no open claim. */
  evicted: number;
}

/** The key of the one `eviction` row. */
export const evictionKey = 'board';

/**
 * The board's state, kept row by row: an order per row (selectable by status, customer and
 * pending money), a count per customer and per preparer, and the eviction tally.
 */
export interface BoardState {
  readonly orders: KeptCollection<BoardOrder>;
  /** How many orders each customer has placed. */
  readonly customers: KeptCollection<number>;
  /** How many orders each person has prepared: more than one name means more than one packer. */
  readonly preparers: KeptCollection<number>;
  readonly eviction: KeptCollection<BoardEviction>;
}

export function initialBoardState(): BoardState {
  return {
    orders: new KeptCollection<BoardOrder>({
      indexes: {
        status: (order) => order.status,
        customer: (order) => order.customerId,
        money: moneyPending,
      },
    }),
    customers: new KeptCollection<number>(),
    preparers: new KeptCollection<number>(),
    eviction: new KeptCollection<BoardEviction>(),
  };
}

/** The eviction tally (zero before any pass). */
export function evictionOf(state: BoardState): BoardEviction {
  return state.eviction.get(evictionKey) ?? { lastPassAt: null, evicted: 0 };
}
