import type { StockEvent } from '../catalogue/stock-events';
import type { Decider } from '../decider';
import { evolveStock } from './evolve-stock';
import type { StockCommand } from './stock-commands';
import { OutOfStockError, StockRefusedError } from './stock-errors';
import { defaultStockPolicy, type StockPolicy } from './stock-policy';
import { commitmentKey, initialStockState, type StockState } from './stock-state';

export type StockDecider = Decider<StockCommand, StockState, StockEvent>;

/** The stock of one SKU, following the store's `policy`. */
export function stockDecider(policy: StockPolicy = defaultStockPolicy): StockDecider {
  return {
    initialState: initialStockState,
    evolve: evolveStock,
    decide: (command, state) => decideStock(command, state, policy),
  };
}

export function decideStock(command: StockCommand, state: StockState, policy: StockPolicy): StockEvent[] {
  const { sku, at } = command;
  const refuse = (code: ConstructorParameters<typeof StockRefusedError>[0], why: string) =>
    new StockRefusedError(code, sku, why);
  switch (command.type) {
    case 'CommitStock': {
      if (command.quantity > state.available && !policy.allowBackorders) {
        throw new OutOfStockError(sku, command.quantity, state.available);
      }
      const { orderId, lineId, quantity } = command;
      return [{ type: 'StockCommitted', data: { at, sku, orderId, lineId, quantity } }];
    }
    case 'ReleaseStock':
    case 'ShipOutStock': {
      const { orderId, lineId, quantity } = command;
      const promised = state.commitments[commitmentKey(orderId, lineId)] ?? 0;
      if (quantity > promised) {
        throw refuse(
          'STOCK_NOT_COMMITTED',
          `order ${orderId} line ${lineId} has ${promised} units committed, not ${quantity}`,
        );
      }
      if (command.type === 'ReleaseStock') {
        return [{ type: 'StockReleased', data: { at, sku, orderId, lineId, quantity, cause: command.cause } }];
      }
      // Units can only leave a shelf that has them: on hand never goes below zero, unless the
      // store sells what it has not got yet (backorders, made to order), its explicit choice.
      if (quantity > state.onHand && !policy.allowBackorders) {
        throw refuse(
          'STOCK_NEGATIVE',
          `order ${orderId} line ${lineId} needs ${quantity} units to leave, ${Math.max(0, state.onHand)} are on hand: receive or recount first`,
        );
      }
      return [{ type: 'StockShippedOut', data: { at, sku, orderId, lineId, quantity } }];
    }
    case 'ReturnStock': {
      const { orderId, lineId, quantity } = command;
      return [{ type: 'StockReturned', data: { at, sku, orderId, lineId, quantity } }];
    }
    case 'AdjustStock': {
      if (!Number.isInteger(command.delta) || command.delta === 0) {
        throw refuse('STOCK_INVALID', `an adjustment must move a whole number of units, got ${command.delta}`);
      }
      // Goods booked in are always welcome, even onto a shelf that backorders took below zero.
      if (command.delta < 0 && state.onHand + command.delta < 0) {
        throw refuse(
          'STOCK_NEGATIVE',
          `removing ${-command.delta} would leave ${state.onHand + command.delta} on hand`,
        );
      }
      const takesPromised = command.delta < 0 && state.onHand + command.delta < state.committed;
      if (takesPromised && command.force !== true) {
        throw refuse(
          'STOCK_PROMISED',
          `removing ${-command.delta} would take units promised to orders (${state.committed} promised, ${state.onHand} on hand); pass force: true to do it anyway`,
        );
      }
      const note = command.note === undefined ? {} : { note: command.note };
      const forced = takesPromised ? { forced: true } : {};
      return [
        {
          type: 'StockAdjusted',
          data: { at, sku, delta: command.delta, reason: command.reason, ...note, ...forced },
        },
      ];
    }
    case 'RecountStock': {
      if (!Number.isInteger(command.counted) || command.counted < 0) {
        throw refuse('STOCK_INVALID', `a count must be a whole number ≥ 0, got ${command.counted}`);
      }
      // A count that matches is still recorded: the sweep reports how old each SKU's last count is.
      const delta = command.counted - state.onHand;
      const note = command.note === undefined ? {} : { note: command.note };
      return [
        { type: 'StockAdjusted', data: { at, sku, delta, reason: 'recount', counted: command.counted, ...note } },
      ];
    }
  }
}
