import { formatMoney, type Money } from '../money/money';
import { OrderRefusedError } from './order-errors';
import type { OrderPolicy } from './order-policy';
import type { LineState, OrderState } from './order-state';
import { orderStatusWords } from './order-status-words';

/** Small checks the order decisions share; each throws a refusal that says why. */

export function requireOrder(state: OrderState, orderId: string): void {
  if (!state.exists) throw new OrderRefusedError('ORDER_NOT_FOUND', orderId, 'no such order');
}

/**
 * Nothing happens to an order before it was placed: a step dated earlier is a mistake in the
 * date (a clock, a time zone, an import), refused rather than shown as a negative age.
 */
export function requireNotBeforePlacement(state: OrderState, at: string): void {
  if (state.exists && Date.parse(at) < Date.parse(state.placedAt)) {
    throw new OrderRefusedError(
      'ORDER_INVALID',
      state.orderId,
      `a step dated ${at} comes before the order was placed (${state.placedAt})`,
    );
  }
}

export function requireNotCancelled(state: OrderState, what: string): void {
  if (state.status === 'cancelled') {
    throw new OrderRefusedError(
      'ORDER_CANCELLED',
      state.orderId,
      `is cancelled: only refunds and returns, not ${what}`,
    );
  }
}

export function requireCurrency(state: OrderState, value: Money, what: string): void {
  if (value.currency !== state.currency) {
    throw new OrderRefusedError(
      'CURRENCY_MISMATCH',
      state.orderId,
      `${what} is in ${value.currency}, but the order is in ${state.currency}`,
    );
  }
}

export function requireLine(state: OrderState, lineId: string): LineState {
  const line = state.lines.find((candidate) => candidate.lineId === lineId);
  if (line === undefined) throw new OrderRefusedError('UNKNOWN_LINE', state.orderId, `has no line ${lineId}`);
  return line;
}

/**
 * Nothing leaves the store unpaid, except a pickup order in a shop that takes payment at the
 * counter (`policy.allowPayAtPickup`).
 */
export function requirePaidForFulfilment(state: OrderState, policy: OrderPolicy, what: string): void {
  if (state.paid.amount >= state.total.amount) return;
  if (policy.allowPayAtPickup && state.delivery.method === 'pickup') return;
  throw new OrderRefusedError(
    'ORDER_NOT_PAID',
    state.orderId,
    `cannot be ${what} before it is paid (${formatMoney(state.paid)} of ${formatMoney(state.total)} captured)`,
  );
}

export function requireStatus(state: OrderState, allowed: readonly OrderState['status'][], what: string): void {
  if (!allowed.includes(state.status)) {
    throw new OrderRefusedError(
      'ORDER_INVALID_TRANSITION',
      state.orderId,
      `cannot be ${what} while ${orderStatusWords[state.status]}`,
    );
  }
}

export function requireDelivery(state: OrderState, method: OrderState['delivery']['method'], what: string): void {
  if (state.delivery.method !== method) {
    throw new OrderRefusedError(
      'ORDER_INVALID_TRANSITION',
      state.orderId,
      `cannot be ${what}: its delivery is ${state.delivery.method}, not ${method}`,
    );
  }
}
