import type { OrderEvent, RefundLine } from '../catalogue/order-events';
import { formatMoney, multiply } from '../money/money';
import { evolveOrder, returnKey } from './evolve-order';
import type { ReceiveReturn, RefundAmount, RefundOrder } from './order-commands';
import { OrderRefusedError } from './order-errors';
import { requireCurrency, requireLine, requireOrder } from './order-guards';
import { netPaid, type OrderState, openUnits, type RecordedRefund, recordedUnder, unitsOut } from './order-state';
import { allocateRefund, lineRefundable } from './refund-allocation';

function refuseBeyondPaid(state: OrderState, amount: number): void {
  if (amount > netPaid(state)) {
    throw new OrderRefusedError(
      'REFUND_EXCEEDS_PAID',
      state.orderId,
      `a refund of ${formatMoney({ amount, currency: state.currency })} is more than the ${formatMoney({ amount: netPaid(state), currency: state.currency })} captured and not yet refunded`,
    );
  }
}

function refundIdReused(state: OrderState, refundId: string): OrderRefusedError {
  return new OrderRefusedError(
    'REFUND_ID_REUSED',
    state.orderId,
    `refund ${refundId} was recorded with other lines or amounts; a different refund needs an id of its own`,
  );
}

/** A refund sent again is the same one if it names the same units, restocks and amounts. */
function sameItemisedRefund(recorded: RecordedRefund, command: RefundOrder): boolean {
  const requested = command.lines ?? [];
  if (recorded.shipping !== (command.shipping?.amount ?? 0) || recorded.other !== (command.other?.amount ?? 0)) {
    return false;
  }
  if (recorded.lines.length !== requested.length) return false;
  return requested.every((request) =>
    recorded.lines.some(
      (line) =>
        line.lineId === request.lineId &&
        line.quantity === request.quantity &&
        line.restock === request.restock &&
        (request.amount === undefined || line.amount === request.amount.amount),
    ),
  );
}

export function decideRefund(command: RefundOrder, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  const recorded = recordedUnder(state.refundsById, command.refundId);
  if (recorded !== undefined) {
    if (sameItemisedRefund(recorded, command)) return []; // the same refund, recorded already
    throw refundIdReused(state, command.refundId);
  }
  const currency = state.currency;
  const events: OrderEvent[] = [];
  const lines: RefundLine[] = [];
  const returnsNeeded: { lineId: string; quantity: number }[] = [];

  const seen = new Set<string>();
  for (const request of command.lines ?? []) {
    const line = requireLine(state, request.lineId);
    if (seen.has(line.lineId)) {
      throw new OrderRefusedError('ORDER_INVALID', state.orderId, `line ${line.lineId} appears twice in one refund`);
    }
    seen.add(line.lineId);
    const refuse = (code: ConstructorParameters<typeof OrderRefusedError>[0], why: string) =>
      new OrderRefusedError(code, state.orderId, `line ${line.lineId}: ${why}`);
    if (!Number.isInteger(request.quantity) || request.quantity < 0) {
      throw refuse('ORDER_INVALID', `a refunded quantity must be a whole number ≥ 0, got ${request.quantity}`);
    }
    if (line.refundedQuantity + request.quantity > line.quantity) {
      throw refuse(
        'REFUND_EXCEEDS_UNITS',
        `${request.quantity} more units refunded would pass the ${line.quantity} ordered (${line.refundedQuantity} refunded already)`,
      );
    }
    const refundable = lineRefundable(line);
    const amount = request.amount ?? {
      amount: Math.max(0, Math.min(multiply(line.unitPrice, request.quantity).amount, refundable)),
      currency,
    };
    requireCurrency(state, amount, `the refund of line ${line.lineId}`);
    if (amount.amount > refundable) {
      throw refuse(
        'REFUND_EXCEEDS_LINE',
        `${formatMoney(amount)} is more than the ${formatMoney({ amount: refundable, currency })} the line has left to refund`,
      );
    }
    if (request.restock === 'cancel' && request.quantity > openUnits(line)) {
      throw refuse(
        'RESTOCK_UNITS_ALREADY_FULFILLED',
        `only ${openUnits(line)} units are unfulfilled; cancel-restock is for units that never left`,
      );
    }
    if (request.restock === 'return') {
      if (line.kind === 'digital')
        throw refuse('RESTOCK_UNITS_NEVER_LEFT', 'digital units cannot be returned to stock');
      // Units already back, resellable or damaged, and not yet refunded as returned, answer first:
      // the refund is for them. Only the rest are recorded as coming back now, resellable.
      const backAlready = line.returnedResellable + line.returnedDamaged - line.refundedAsReturn;
      const shortfall = request.quantity - Math.max(0, backAlready);
      if (shortfall > 0 && shortfall > unitsOut(line)) {
        throw refuse(
          'RESTOCK_UNITS_NEVER_LEFT',
          `cannot restock ${request.quantity} returned units: only ${unitsOut(line) + Math.max(0, backAlready)} left the store and are not back`,
        );
      }
      if (shortfall > 0) returnsNeeded.push({ lineId: line.lineId, quantity: shortfall });
    }
    lines.push({ lineId: line.lineId, quantity: request.quantity, amount, restock: request.restock });
  }

  const shipping = command.shipping ?? { amount: 0, currency };
  const other = command.other ?? { amount: 0, currency };
  requireCurrency(state, shipping, 'the shipping refund');
  requireCurrency(state, other, 'the refund');
  if (shipping.amount < 0 || other.amount < 0) {
    throw new OrderRefusedError('ORDER_INVALID', state.orderId, 'refund amounts cannot be negative');
  }
  if (state.shippingRefunded.amount + shipping.amount > state.shipping.amount) {
    throw new OrderRefusedError(
      'REFUND_EXCEEDS_SHIPPING',
      state.orderId,
      `a shipping refund of ${formatMoney(shipping)} passes the ${formatMoney({ amount: state.shipping.amount - state.shippingRefunded.amount, currency: state.currency })} left`,
    );
  }
  const total = lines.reduce((acc, line) => acc + line.amount.amount, 0) + shipping.amount + other.amount;
  if (total === 0 && !lines.some((line) => line.quantity > 0)) {
    throw new OrderRefusedError('ORDER_INVALID', state.orderId, 'a refund must give back money or units');
  }
  refuseBeyondPaid(state, total);

  // Units refunded as returned must be back first: record them coming back, then the refund.
  if (returnsNeeded.length > 0) {
    events.push({
      type: 'ReturnReceived',
      data: {
        at: command.at,
        returnId: command.refundId,
        lines: returnsNeeded.map((entry) => ({ ...entry, condition: 'resellable' as const })),
        withRefund: command.refundId,
      },
    });
  }
  events.push({
    type: 'Refunded',
    data: {
      at: command.at,
      refundId: command.refundId,
      reason: command.reason,
      lines,
      shipping,
      other,
      amount: { amount: total, currency },
    },
  });
  return events;
}

export function decideRefundAmount(command: RefundAmount, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  const recorded = recordedUnder(state.refundsById, command.refundId);
  if (recorded !== undefined) {
    if (recorded.amount === command.amount.amount) return []; // the same refund, recorded already
    throw refundIdReused(state, command.refundId);
  }
  requireCurrency(state, command.amount, 'the refund');
  if (command.amount.amount <= 0) {
    throw new OrderRefusedError('ORDER_INVALID', state.orderId, 'a refund must be more than zero');
  }
  refuseBeyondPaid(state, command.amount.amount);
  const refund = allocateRefund(state, command.amount, 'none');
  return [
    { type: 'Refunded', data: { at: command.at, refundId: command.refundId, reason: command.reason, ...refund } },
  ];
}

export function decideReturn(command: ReceiveReturn, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  const recordedReturn = recordedUnder(state.returnsById, command.returnId);
  if (recordedReturn !== undefined) {
    if (recordedReturn === returnKey(command.lines)) return []; // the same return
    throw new OrderRefusedError(
      'RETURN_ID_REUSED',
      state.orderId,
      `return ${command.returnId} was recorded with other lines; a different return needs an id of its own`,
    );
  }
  if (command.lines.length === 0) {
    throw new OrderRefusedError('ORDER_INVALID', state.orderId, 'a return needs at least one line');
  }
  // Check the lines in turn against the state they leave, so two entries for one line add up.
  let after = state;
  for (const entry of command.lines) {
    const line = requireLine(after, entry.lineId);
    if (line.kind === 'digital') {
      throw new OrderRefusedError(
        'RETURN_EXCEEDS_SHIPPED',
        state.orderId,
        `line ${line.lineId} is digital: nothing to return`,
      );
    }
    if (!Number.isInteger(entry.quantity) || entry.quantity <= 0 || entry.quantity > unitsOut(line)) {
      throw new OrderRefusedError(
        'RETURN_EXCEEDS_SHIPPED',
        state.orderId,
        `line ${line.lineId}: ${entry.quantity} units cannot come back, ${unitsOut(line)} are out`,
      );
    }
    after = evolveOrder(after, {
      type: 'ReturnReceived',
      data: { at: command.at, returnId: command.returnId, lines: [entry] },
    });
  }
  return [{ type: 'ReturnReceived', data: { at: command.at, returnId: command.returnId, lines: [...command.lines] } }];
}
