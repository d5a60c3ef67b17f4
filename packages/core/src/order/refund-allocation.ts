import type { RefundLine, Restock } from '../catalogue/order-events';
import { allocate } from '../money/allocate';
import type { Money } from '../money/money';
import type { LineState, OrderState } from './order-state';
import { lineGross } from './order-totals';

export interface AllocatedRefund {
  readonly lines: RefundLine[];
  readonly shipping: Money;
  readonly other: Money;
  readonly amount: Money;
}

/** What a line can still give back: its gross value minus what was already refunded on it. */
export function lineRefundable(line: LineState): number {
  return lineGross(line).amount - line.refundedAmount.amount;
}

/**
 * Gives back first what the buyer paid beyond the total (as `other`), then spreads the rest over
 * the lines, shipping and tax in proportion to what each has left to refund (largest remainder,
 * so it sums exactly and never takes a part past its rest). Whatever is beyond all of them goes
 * to `other` too.
 *
 * A line whose whole rest is refunded counts its remaining units as refunded; otherwise the
 * refund is money only on that line (quantity 0).
 */
export function allocateRefund(state: OrderState, amount: Money, restock: Restock): AllocatedRefund {
  const currency = state.currency;
  // What the buyer paid beyond the total (an edit lowered it) is given back first: it was never
  // part of the sale, and spreading it over the lines would leave it owed while giving up goods.
  const overpaid = Math.max(0, state.paid.amount - state.total.amount - state.otherRefunded.amount);
  const forOverpayment = Math.min(amount.amount, overpaid);
  const spreadable = amount.amount - forOverpayment;
  const lineRests = state.lines.map(lineRefundable);
  const shippingRest = state.shipping.amount - state.shippingRefunded.amount;
  const taxRest = Math.max(0, state.tax.amount - state.otherRefunded.amount);
  const rests = [...lineRests, shippingRest, taxRest].map((rest) => Math.max(0, rest));
  const restTotal = rests.reduce((acc, rest) => acc + rest, 0);
  const spread = Math.min(spreadable, restTotal);
  const beyond = spreadable - spread + forOverpayment;

  const shares =
    spread > 0 ? allocate({ amount: spread, currency }, rests) : rests.map(() => ({ amount: 0, currency }));
  const lines: RefundLine[] = [];
  for (const [index, line] of state.lines.entries()) {
    const share = shares[index];
    if (share === undefined || share.amount === 0) continue;
    const wholeRest = share.amount === lineRests[index];
    lines.push({
      lineId: line.lineId,
      quantity: wholeRest ? line.quantity - line.refundedQuantity : 0,
      amount: share,
      restock: wholeRest ? restock : 'none',
    });
  }
  const shippingShare = shares[state.lines.length]?.amount ?? 0;
  const taxShare = shares[state.lines.length + 1]?.amount ?? 0;
  return {
    lines,
    shipping: { amount: shippingShare, currency },
    other: { amount: taxShare + beyond, currency },
    amount,
  };
}
