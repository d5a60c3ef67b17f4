import type { OrderEvent, OrderEventOf } from '../catalogue/order-events';
import { add, type Money } from '../money/money';
import { type FulfilmentStatus, type LineState, type OrderState, openUnits, type PaymentStatus } from './order-state';
import { applyLineChanges, orderTotal } from './order-totals';

/**
 * Folds one event into an order's state. Pure and total: it trusts the event (the decider and
 * the catalogue checked it) and never throws on a valid history.
 */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  const next = applyEvent(state, event);
  return {
    ...next,
    updatedAt: event.data.at,
    paymentStatus: derivePaymentStatus(next),
    fulfilmentStatus: deriveFulfilmentStatus(next),
  };
}

function applyEvent(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderPlaced':
      return placed(event);
    case 'Paid':
      return {
        ...state,
        paid: add(state.paid, event.data.amount),
        paymentIds: [...state.paymentIds, event.data.paymentId],
        paymentAmounts: { ...state.paymentAmounts, [event.data.paymentId]: event.data.amount.amount },
      };
    case 'Preparing':
      return { ...moveTo(state, 'preparing', event.data.at), preparedBy: event.data.preparedBy };
    case 'ReadyForPickup':
      return moveTo(state, 'ready_for_pickup', event.data.at);
    case 'Shipped':
      return moveTo(fulfilPhysical(state), 'shipped', event.data.at);
    case 'Delivered':
      return moveTo(state, 'done', event.data.at);
    case 'PickedUp':
      return moveTo(fulfilPhysical(state), 'done', event.data.at);
    case 'DigitalDelivered':
      return digitalDelivered(state, event);
    case 'OrderEdited':
      return edited(state, event);
    case 'OrderCancelled':
      return {
        ...moveTo(state, 'cancelled', event.data.at),
        lines: state.lines.map((line) => ({ ...line, cancelled: line.cancelled + openUnits(line) })),
      };
    case 'Refunded':
      return refunded(state, event);
    case 'ReturnReceived':
      return returned(state, event);
    case 'NeverArrivedClaimed':
      return {
        ...state,
        claims: [
          ...state.claims,
          {
            claimId: event.data.claimId,
            value: event.data.value,
            claimedAt: event.data.at,
            settlement: undefined,
            automatic: false,
          },
        ],
      };
    case 'NeverArrivedSettled':
      return {
        ...state,
        claims: state.claims.map((claim) =>
          claim.claimId === event.data.claimId
            ? { ...claim, settlement: event.data.settlement, automatic: event.data.automatic }
            : claim,
        ),
      };
    case 'ReplacementShipped':
      return {
        ...state,
        lines: updateLines(state.lines, event.data.lines, (line, { quantity }) => ({
          ...line,
          replaced: line.replaced + quantity,
        })),
      };
  }
}

function placed(event: OrderEventOf<'OrderPlaced'>): OrderState {
  const { data } = event;
  const zero: Money = { amount: 0, currency: data.currency };
  const lines: LineState[] = data.lines.map((line) => ({
    lineId: line.lineId,
    sku: line.sku,
    kind: line.kind,
    title: line.title,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    fulfilled: 0,
    cancelled: 0,
    returnedResellable: 0,
    returnedDamaged: 0,
    refundedQuantity: 0,
    refundedAmount: zero,
    refundedAsReturn: 0,
    replaced: 0,
  }));
  return {
    exists: true,
    orderId: data.orderId,
    customerId: data.customerId,
    currency: data.currency,
    placedAt: data.at,
    updatedAt: data.at,
    statusSince: data.at,
    status: 'received',
    delivery: data.delivery,
    payAtPickup: data.payAtPickup ?? false,
    preparedBy: undefined,
    lines,
    shipping: data.shipping,
    tax: data.tax,
    discount: data.discount,
    total: orderTotal(lines, data, data.currency),
    paid: zero,
    refunded: zero,
    shippingRefunded: zero,
    otherRefunded: zero,
    paymentIds: [],
    paymentAmounts: {},
    refundIds: [],
    returnIds: [],
    refundsById: {},
    returnsById: {},
    claims: [],
    paymentStatus: 'unpaid',
    fulfilmentStatus: 'unfulfilled',
  };
}

function moveTo(state: OrderState, status: OrderState['status'], at: string): OrderState {
  return state.status === status ? state : { ...state, status, statusSince: at };
}

function fulfilPhysical(state: OrderState): OrderState {
  return {
    ...state,
    lines: state.lines.map((line) =>
      line.kind === 'physical' ? { ...line, fulfilled: line.fulfilled + openUnits(line) } : line,
    ),
  };
}

function digitalDelivered(state: OrderState, event: OrderEventOf<'DigitalDelivered'>): OrderState {
  const delivered = new Set(event.data.lineIds);
  const lines = state.lines.map((line) =>
    delivered.has(line.lineId) ? { ...line, fulfilled: line.fulfilled + openUnits(line) } : line,
  );
  const next = { ...state, lines };
  const nothingPhysical = lines.every((line) => line.kind === 'digital');
  return nothingPhysical ? moveTo(next, 'done', event.data.at) : next;
}

function edited(state: OrderState, event: OrderEventOf<'OrderEdited'>): OrderState {
  let delivery = state.delivery;
  for (const change of event.data.changes) {
    if (change.kind === 'AddressChanged') delivery = { ...delivery, address: change.address };
    if (change.kind === 'DeliveryNoteChanged') delivery = { ...delivery, note: change.note };
  }
  const lines = applyLineChanges(state.lines, event.data.changes);
  return { ...state, delivery, lines, total: orderTotal(lines, state, state.currency) };
}

function refunded(state: OrderState, event: OrderEventOf<'Refunded'>): OrderState {
  const { data } = event;
  const lines = updateLines(state.lines, data.lines, (line, refund) => ({
    ...line,
    refundedQuantity: line.refundedQuantity + refund.quantity,
    refundedAmount: add(line.refundedAmount, refund.amount),
    cancelled: refund.restock === 'cancel' ? line.cancelled + refund.quantity : line.cancelled,
    refundedAsReturn: refund.restock === 'return' ? line.refundedAsReturn + refund.quantity : line.refundedAsReturn,
  }));
  const next: OrderState = {
    ...state,
    lines,
    refunded: add(state.refunded, data.amount),
    shippingRefunded: add(state.shippingRefunded, data.shipping),
    otherRefunded: add(state.otherRefunded, data.other),
    // A refund the ledger made as part of another step (a cancellation, a claim) keeps its id out of
    // the caller's: a caller's refund that happens to use the same id is still a new refund.
    refundIds: data.origin === undefined ? [...state.refundIds, data.refundId] : state.refundIds,
    refundsById:
      data.origin === undefined
        ? {
            ...state.refundsById,
            [data.refundId]: {
              amount: data.amount.amount,
              shipping: data.shipping.amount,
              other: data.other.amount,
              lines: data.lines.map((line) => ({
                lineId: line.lineId,
                quantity: line.quantity,
                restock: line.restock,
                amount: line.amount.amount,
              })),
            },
          }
        : state.refundsById,
  };
  // Refunding every unit before any shipped is a cancellation in all but name: say so. And when
  // the refund cancels the last units still to send (the rest went out already, digitally), the
  // order has nothing left to do: it is done.
  const everythingCancelled = lines.every((line) => line.cancelled === line.quantity);
  if (everythingCancelled && state.status !== 'cancelled') return moveTo(next, 'cancelled', data.at);
  const nothingOpen = lines.every((line) => openUnits(line) === 0);
  if (nothingOpen && (state.status === 'received' || state.status === 'preparing'))
    return moveTo(next, 'done', data.at);
  return next;
}

function returned(state: OrderState, event: OrderEventOf<'ReturnReceived'>): OrderState {
  return {
    ...state,
    returnIds: event.data.withRefund === undefined ? [...state.returnIds, event.data.returnId] : state.returnIds,
    returnsById:
      event.data.withRefund === undefined
        ? { ...state.returnsById, [event.data.returnId]: returnKey(event.data.lines) }
        : state.returnsById,
    lines: updateLines(state.lines, event.data.lines, (line, { quantity, condition }) =>
      condition === 'resellable'
        ? { ...line, returnedResellable: line.returnedResellable + quantity }
        : { ...line, returnedDamaged: line.returnedDamaged + quantity },
    ),
  };
}

/** Applies per-line entries to the lines they name. Entries for one line apply in turn. */
function updateLines<U extends { readonly lineId: string }>(
  lines: readonly LineState[],
  updates: readonly U[],
  apply: (line: LineState, update: U) => LineState,
): LineState[] {
  return lines.map((line) => updates.filter((update) => update.lineId === line.lineId).reduce(apply, line));
}

/** The lines of a return in one comparable string: which units came back, and how. */
export function returnKey(lines: readonly { lineId: string; quantity: number; condition: string }[]): string {
  return JSON.stringify(
    lines
      .map((line) => [line.lineId, line.quantity, line.condition])
      .sort((a, b) => String(a).localeCompare(String(b))),
  );
}

export function derivePaymentStatus(state: OrderState): PaymentStatus {
  if (state.refunded.amount > 0) {
    return state.refunded.amount >= state.paid.amount ? 'refunded' : 'partially_refunded';
  }
  if (state.paid.amount === 0) return state.total.amount === 0 && state.exists ? 'paid' : 'unpaid';
  return state.paid.amount < state.total.amount ? 'partially_paid' : 'paid';
}

export function deriveFulfilmentStatus(state: OrderState): FulfilmentStatus {
  let due = 0;
  let fulfilled = 0;
  for (const line of state.lines) {
    due += line.quantity - line.cancelled;
    fulfilled += line.fulfilled;
  }
  if (state.exists && due === 0 && fulfilled === 0) return 'cancelled';
  if (fulfilled === 0) return 'unfulfilled';
  return fulfilled < due ? 'partially_fulfilled' : 'fulfilled';
}
