import type { OrderEvent } from '../catalogue/order-events';
import { streamKindOf } from '../event-store/stream-ids';
import type { StreamRevision } from '../event-store/types';
import { evolveOrder } from '../order/evolve-order';
import { refuseImpossibleOrderEvent } from '../order/order-history-check';
import { initialOrderState, type OrderState } from '../order/order-state';

interface Followed {
  readonly state: OrderState;
  readonly revision: StreamRevision;
}

/**
 * The orders of a history being imported, folded as their events come, so each event is held to
 * the rules a live command is (`refuseImpossibleOrderEvent`) before it is written. Only streams
 * the history holds from their first event are followed: a history that starts an order part-way
 * (its beginning already in the store) is not checked here.
 */
export class ImportedOrders {
  readonly #orders = new Map<string, Followed | 'unknown'>();

  /**
   * Throws the ledger's refusal when `event` is impossible for its order; otherwise folds it.
   * An event met again (a batch retried without a refused event) is not folded twice.
   */
  check(streamId: string, revision: StreamRevision, type: string, data: unknown): void {
    if (!ImportedOrders.follows(streamId)) return;
    const followed = this.#orders.get(streamId);
    if (followed === 'unknown') return;
    if (followed === undefined ? revision !== 0 : revision !== followed.revision + 1) {
      if (followed === undefined || revision > followed.revision) this.#orders.set(streamId, 'unknown');
      return;
    }
    const event = { type, data } as OrderEvent;
    const state = followed?.state ?? initialOrderState();
    refuseImpossibleOrderEvent(state, event, state.exists ? state.orderId : streamId.slice('order-'.length));
    this.#orders.set(streamId, { state: evolveOrder(state, event), revision });
  }

  /** Whether a stream's events are checked here: an order's are; stock follows from orders. */
  static follows(streamId: string): boolean {
    return streamKindOf(streamId) === 'order';
  }

  /** Stops following a stream whose events cannot be read as the ledger's. */
  forget(streamId: string): void {
    this.#orders.set(streamId, 'unknown');
  }
}
