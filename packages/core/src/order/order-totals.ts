import type { OrderChange } from '../catalogue/order-events';
import { add, type Money, multiply, subtract, sum } from '../money/money';
import type { LineState, OrderState } from './order-state';

/** The gross value of a line: unit price × quantity. */
export function lineGross(line: Pick<LineState, 'unitPrice' | 'quantity'>): Money {
  return multiply(line.unitPrice, line.quantity);
}

/** lines + shipping + tax − discount. */
export function orderTotal(
  lines: readonly Pick<LineState, 'unitPrice' | 'quantity'>[],
  charges: { shipping: Money; tax: Money; discount: Money },
  currency: string,
): Money {
  const subtotal = sum(lines.map(lineGross), currency);
  return subtract(add(add(subtotal, charges.shipping), charges.tax), charges.discount);
}

/** The lines after an edit's changes; address and note changes leave them as they were. */
export function applyLineChanges(lines: readonly LineState[], changes: readonly OrderChange[]): LineState[] {
  let next = [...lines];
  for (const change of changes) {
    if (change.kind === 'VariantSwapped') {
      next = next.map((line) =>
        line.lineId === change.lineId ? { ...line, sku: change.sku, unitPrice: change.unitPrice } : line,
      );
    } else if (change.kind === 'QuantityChanged') {
      next = next.map((line) => (line.lineId === change.lineId ? { ...line, quantity: change.quantity } : line));
    }
  }
  return next;
}

/** The total an edit leads to. */
export function totalAfterChanges(state: OrderState, changes: readonly OrderChange[]): Money {
  return orderTotal(applyLineChanges(state.lines, changes), state, state.currency);
}
