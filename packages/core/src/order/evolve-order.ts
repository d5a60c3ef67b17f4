import { castDraft, type Draft } from 'immer';
import type { OrderEvent, OrderEventOf } from '../catalogue/order-events';
import { add, type Money } from '../money/money';
import { produceState } from '../state/produce-state';
import { type FulfilmentStatus, type LineState, type OrderState, openUnits, type PaymentStatus } from './order-state';
import { applyLineChanges, orderTotal } from './order-totals';

/**
 * Folds one event into an order's state. Pure and total: it trusts the event (the decider and
 * the catalogue checked it) and never throws on a valid history. `state` is never changed: each
 * case writes to a draft, and immer makes the next state, sharing what did not change.
 */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  // A placement starts the order afresh; every other event changes the order it finds.
  const base = event.type === 'OrderPlaced' ? placed(event) : state;
  return produceState(base, (draft) => {
    applyEvent(draft, base, event);
    draft.updatedAt = event.data.at;
    draft.paymentStatus = derivePaymentStatus(draft);
    draft.fulfilmentStatus = deriveFulfilmentStatus(draft);
  });
}

/**
 * Writes one event into the draft. `base` is the same state, undrafted: values computed from it
 * (sums, copied records) are read without going through the draft. Records keyed by a caller's
 * id are replaced whole by an object literal, never assigned a key: an id such as `__proto__`
 * stays an own key, as it did before.
 */
function applyEvent(draft: Draft<OrderState>, base: OrderState, event: OrderEvent): void {
  switch (event.type) {
    case 'OrderPlaced':
      return;
    case 'Paid':
      draft.paid = add(base.paid, event.data.amount);
      draft.paymentIds.push(event.data.paymentId);
      draft.paymentAmounts = { ...base.paymentAmounts, [event.data.paymentId]: event.data.amount.amount };
      return;
    case 'Preparing':
      moveTo(draft, 'preparing', event.data.at);
      draft.preparedBy = event.data.preparedBy;
      return;
    case 'ReadyForPickup':
      moveTo(draft, 'ready_for_pickup', event.data.at);
      return;
    case 'Shipped':
      fulfilPhysical(draft);
      moveTo(draft, 'shipped', event.data.at);
      return;
    case 'Delivered':
      moveTo(draft, 'done', event.data.at);
      return;
    case 'PickedUp':
      fulfilPhysical(draft);
      moveTo(draft, 'done', event.data.at);
      return;
    case 'DigitalDelivered':
      digitalDelivered(draft, event);
      return;
    case 'OrderEdited':
      edited(draft, base, event);
      return;
    case 'OrderCancelled':
      moveTo(draft, 'cancelled', event.data.at);
      for (const line of draft.lines) line.cancelled += openUnits(line);
      return;
    case 'Refunded':
      refunded(draft, base, event);
      return;
    case 'ReturnReceived':
      returned(draft, base, event);
      return;
    case 'NeverArrivedClaimed':
      draft.claims.push({
        claimId: event.data.claimId,
        value: event.data.value,
        claimedAt: event.data.at,
        settlement: undefined,
        automatic: false,
      });
      return;
    case 'NeverArrivedSettled':
      for (const claim of draft.claims) {
        if (claim.claimId !== event.data.claimId) continue;
        claim.settlement = event.data.settlement;
        claim.automatic = event.data.automatic;
      }
      return;
    case 'ReplacementShipped':
      updateLines(draft, event.data.lines, (line, { quantity }) => {
        line.replaced += quantity;
      });
      return;
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

function moveTo(draft: Draft<OrderState>, status: OrderState['status'], at: string): void {
  if (draft.status === status) return;
  draft.status = status;
  draft.statusSince = at;
}

function fulfilPhysical(draft: Draft<OrderState>): void {
  for (const line of draft.lines) if (line.kind === 'physical') line.fulfilled += openUnits(line);
}

function digitalDelivered(draft: Draft<OrderState>, event: OrderEventOf<'DigitalDelivered'>): void {
  const delivered = new Set(event.data.lineIds);
  for (const line of draft.lines) if (delivered.has(line.lineId)) line.fulfilled += openUnits(line);
  const nothingPhysical = draft.lines.every((line) => line.kind === 'digital');
  if (nothingPhysical) moveTo(draft, 'done', event.data.at);
}

function edited(draft: Draft<OrderState>, base: OrderState, event: OrderEventOf<'OrderEdited'>): void {
  let delivery = base.delivery;
  for (const change of event.data.changes) {
    if (change.kind === 'AddressChanged') delivery = { ...delivery, address: change.address };
    if (change.kind === 'DeliveryNoteChanged') delivery = { ...delivery, note: change.note };
  }
  const lines = applyLineChanges(base.lines, event.data.changes);
  draft.delivery = delivery;
  draft.lines = lines;
  draft.total = orderTotal(lines, base, base.currency);
}

function refunded(draft: Draft<OrderState>, base: OrderState, event: OrderEventOf<'Refunded'>): void {
  const { data } = event;
  updateLines(draft, data.lines, (line, refund) => {
    line.refundedQuantity += refund.quantity;
    line.refundedAmount = add(line.refundedAmount, refund.amount);
    if (refund.restock === 'cancel') line.cancelled += refund.quantity;
    if (refund.restock === 'return') line.refundedAsReturn += refund.quantity;
  });
  draft.refunded = add(base.refunded, data.amount);
  draft.shippingRefunded = add(base.shippingRefunded, data.shipping);
  draft.otherRefunded = add(base.otherRefunded, data.other);
  // A refund the ledger made as part of another step (a cancellation, a claim) keeps its id out of
  // the caller's: a caller's refund that happens to use the same id is still a new refund.
  if (data.origin === undefined) {
    draft.refundIds.push(data.refundId);
    draft.refundsById = castDraft({
      ...base.refundsById,
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
    });
  }
  // Refunding every unit before any shipped is a cancellation in all but name: say so. And when
  // the refund cancels the last units still to send (the rest went out already, digitally), the
  // order has nothing left to do: it is done.
  const everythingCancelled = draft.lines.every((line) => line.cancelled === line.quantity);
  if (everythingCancelled && base.status !== 'cancelled') {
    moveTo(draft, 'cancelled', data.at);
    return;
  }
  const nothingOpen = draft.lines.every((line) => openUnits(line) === 0);
  if (nothingOpen && (base.status === 'received' || base.status === 'preparing')) moveTo(draft, 'done', data.at);
}

function returned(draft: Draft<OrderState>, base: OrderState, event: OrderEventOf<'ReturnReceived'>): void {
  if (event.data.withRefund === undefined) {
    draft.returnIds.push(event.data.returnId);
    draft.returnsById = { ...base.returnsById, [event.data.returnId]: returnKey(event.data.lines) };
  }
  updateLines(draft, event.data.lines, (line, { quantity, condition }) => {
    if (condition === 'resellable') line.returnedResellable += quantity;
    else line.returnedDamaged += quantity;
  });
}

/** Applies per-line entries to the lines they name. Entries for one line apply in turn. */
function updateLines<U extends { readonly lineId: string }>(
  draft: Draft<OrderState>,
  updates: readonly U[],
  apply: (line: Draft<LineState>, update: U) => void,
): void {
  for (const update of updates) {
    for (const line of draft.lines) if (line.lineId === update.lineId) apply(line, update);
  }
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
