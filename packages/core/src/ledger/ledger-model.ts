import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import { orderStreamId, stockStreamId } from '../event-store/stream-ids';
import { evolveOrder } from '../order/evolve-order';
import { initialOrderState, type OrderState } from '../order/order-state';
import { evolveStock } from '../stock/evolve-stock';
import { initialStockState, type StockState } from '../stock/stock-state';
import { decideLedgerCommand } from './decide-ledger-command';
import { defaultLedgerPolicy, isStockCommand, type LedgerCommand, type LedgerPolicy } from './ledger-command';

/** One event in the model's log, with the stream it belongs to. */
export interface ModelEvent {
  readonly streamId: string;
  readonly event: LedgerEvent;
}

/**
 * The whole ledger in plain memory, synchronous and with no store: the reference the
 * property tests compare stores and projections against, and the engine of the command
 * arbitraries. It runs the same `decideLedgerCommand` the store-backed ledger runs.
 */
export class LedgerModel {
  readonly policy: LedgerPolicy;
  readonly log: ModelEvent[] = [];
  readonly #orders = new Map<string, OrderState>();
  readonly #stock = new Map<string, StockState>();

  constructor(policy: LedgerPolicy = defaultLedgerPolicy) {
    this.policy = policy;
  }

  order(orderId: string): OrderState {
    return this.#orders.get(orderId) ?? initialOrderState();
  }

  stock(sku: string): StockState {
    return this.#stock.get(sku) ?? initialStockState();
  }

  get orderIds(): string[] {
    return [...this.#orders.keys()];
  }

  get skus(): string[] {
    return [...this.#stock.keys()];
  }

  /** Decides and applies `command`; throws the decider's refusal and then changes nothing. */
  execute(command: LedgerCommand): ModelEvent[] {
    const orderState = isStockCommand(command) ? undefined : this.order(command.orderId);
    const decision = decideLedgerCommand(command, orderState, (sku) => this.stock(sku), this.policy);
    const written: ModelEvent[] = [];
    if (decision.order !== undefined) {
      let state = this.order(decision.order.orderId);
      for (const event of decision.order.events) {
        state = evolveOrder(state, event);
        written.push({ streamId: orderStreamId(decision.order.orderId), event });
      }
      this.#orders.set(decision.order.orderId, state);
    }
    for (const [sku, events] of decision.stock) {
      let state = this.stock(sku);
      for (const event of events) {
        state = evolveStock(state, event);
        written.push({ streamId: stockStreamId(sku), event });
      }
      this.#stock.set(sku, state);
    }
    this.log.push(...written);
    return written;
  }

  /** Like `execute`, but a refusal returns undefined instead of throwing. */
  tryExecute(command: LedgerCommand): ModelEvent[] | undefined {
    try {
      return this.execute(command);
    } catch (error) {
      if (error instanceof Error && 'code' in error) return undefined;
      throw error;
    }
  }
}
