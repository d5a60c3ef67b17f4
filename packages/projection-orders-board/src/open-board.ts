import type { KeptReadModel } from '@order-ledger/core';
import type { BoardState } from './board-state';

const inFlight = ['received', 'preparing', 'ready_for_pickup', 'shipped'];

/**
 * The part of a kept board that `boardView` reads: orders in flight, settled orders still waiting
 * for money or owing it, and those orders' customers. Orders done and settled are not loaded, so
 * a board read costs what is open, not what the shop ever sold.
 */
export async function loadOpenBoard(kept: KeptReadModel<BoardState>): Promise<BoardState> {
  const state = await kept.loadPartial({ orders: { where: 'status', in: inFlight } });
  state.orders.load(await kept.where('orders', 'money', ['due', 'owed']));
  const customers = [...new Set([...state.orders.values()].map((order) => order.customerId))];
  state.customers.load(await kept.getMany('customers', customers));
  return state;
}
