import type { OrderEvent } from '../catalogue/order-events';
import { formatMoney, isZero, type Money, zero } from '../money/money';
import type {
  CancelOrder,
  EditOrder,
  MarkDelivered,
  MarkPickedUp,
  MarkReadyForPickup,
  Pay,
  PlaceOrder,
  Ship,
  StartPreparing,
} from './order-commands';
import { OrderRefusedError } from './order-errors';
import {
  requireCurrency,
  requireDelivery,
  requireLine,
  requireNotCancelled,
  requireOrder,
  requirePaidForFulfilment,
  requireStatus,
} from './order-guards';
import type { OrderPolicy } from './order-policy';
import { hasFulfilment, isDigitalOnly, netPaid, type OrderState, openUnits, recordedUnder } from './order-state';
import { applyLineChanges, lineGross, orderTotal, totalAfterChanges } from './order-totals';
import { allocateRefund } from './refund-allocation';

export function decidePlaceOrder(command: PlaceOrder, state: OrderState): OrderEvent[] {
  if (state.exists) throw new OrderRefusedError('ORDER_ALREADY_EXISTS', command.orderId, 'was already placed');
  const invalid = (why: string) => new OrderRefusedError('ORDER_INVALID', command.orderId, why);
  const none: Money = zero(command.currency);
  const charges = { shipping: command.shipping ?? none, tax: command.tax ?? none, discount: command.discount ?? none };
  const lineIds = new Set<string>();
  for (const line of command.lines) {
    if (lineIds.has(line.lineId)) throw invalid(`line id ${line.lineId} is used twice`);
    lineIds.add(line.lineId);
    if (line.unitPrice.currency !== command.currency) {
      throw invalid(`line ${line.lineId} is priced in ${line.unitPrice.currency}, the order in ${command.currency}`);
    }
  }
  for (const [name, value] of Object.entries(charges)) {
    if (value.currency !== command.currency) throw invalid(`${name} is in ${value.currency}, not ${command.currency}`);
  }
  const hasPhysical = command.lines.some((line) => line.kind === 'physical');
  if (hasPhysical && command.delivery.method === 'none') {
    throw invalid('physical lines need a delivery method: ship or pickup');
  }
  if (command.delivery.method === 'ship' && command.delivery.address === undefined && hasPhysical) {
    throw invalid('a shipped order needs an address');
  }
  if (command.payAtPickup === true && command.delivery.method !== 'pickup') {
    throw invalid(`pay at pickup is for orders collected in the shop, not for delivery ${command.delivery.method}`);
  }
  const total = orderTotal(command.lines, charges, command.currency);
  if (total.amount < 0) throw invalid('the discount is larger than everything else on the order');

  const placed: OrderEvent = {
    type: 'OrderPlaced',
    data: {
      at: command.at,
      orderId: command.orderId,
      customerId: command.customerId,
      currency: command.currency,
      lines: [...command.lines],
      ...charges,
      delivery: command.delivery,
      ...(command.payAtPickup === undefined ? {} : { payAtPickup: command.payAtPickup }),
    },
  };
  // A free order is paid in full already: its digital lines go out at once.
  const digital = command.lines.filter((line) => line.kind === 'digital').map((line) => line.lineId);
  if (isZero(total) && digital.length > 0) {
    return [placed, { type: 'DigitalDelivered', data: { at: command.at, lineIds: digital } }];
  }
  return [placed];
}

export function decidePay(command: Pay, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  const earlier = recordedUnder(state.paymentAmounts, command.paymentId);
  if (earlier !== undefined) {
    if (earlier === command.amount.amount) return []; // the same payment, recorded already
    throw new OrderRefusedError(
      'PAYMENT_ID_REUSED',
      state.orderId,
      `payment ${command.paymentId} was recorded for ${formatMoney({ amount: earlier, currency: state.currency })}; the same id cannot record ${formatMoney(command.amount)}`,
    );
  }
  requireNotCancelled(state, 'a payment');
  requireCurrency(state, command.amount, 'the payment');
  if (command.amount.amount <= 0) {
    throw new OrderRefusedError('ORDER_INVALID', state.orderId, 'a payment must be more than zero');
  }
  const due = state.total.amount - state.paid.amount;
  if (command.amount.amount > due) {
    throw new OrderRefusedError(
      'ORDER_OVERPAYMENT',
      state.orderId,
      `a payment of ${formatMoney(command.amount)} is more than the ${formatMoney({ amount: due, currency: state.currency })} still due`,
    );
  }
  const paid: OrderEvent = {
    type: 'Paid',
    data: {
      at: command.at,
      paymentId: command.paymentId,
      amount: command.amount,
      method: command.method,
      ...(command.providerReference === undefined ? {} : { providerReference: command.providerReference }),
    },
  };
  const fullyPaid = state.paid.amount + command.amount.amount >= state.total.amount;
  const digitalOpen = state.lines
    .filter((line) => line.kind === 'digital' && openUnits(line) > 0)
    .map((line) => line.lineId);
  if (fullyPaid && digitalOpen.length > 0) {
    return [paid, { type: 'DigitalDelivered', data: { at: command.at, lineIds: digitalOpen } }];
  }
  return [paid];
}

export function decideStartPreparing(command: StartPreparing, state: OrderState, policy: OrderPolicy): OrderEvent[] {
  requireOrder(state, command.orderId);
  requireNotCancelled(state, 'preparation');
  if (isDigitalOnly(state)) {
    throw new OrderRefusedError(
      'ORDER_INVALID_TRANSITION',
      state.orderId,
      'is digital only: it fulfils itself when paid',
    );
  }
  requireStatus(state, ['received'], 'prepared');
  requirePaidForFulfilment(state, policy, 'prepared');
  return [
    {
      type: 'Preparing',
      data: { at: command.at, ...(command.preparedBy === undefined ? {} : { preparedBy: command.preparedBy }) },
    },
  ];
}

export function decideReadyForPickup(
  command: MarkReadyForPickup,
  state: OrderState,
  policy: OrderPolicy,
): OrderEvent[] {
  requireOrder(state, command.orderId);
  requireNotCancelled(state, 'pickup');
  requireDelivery(state, 'pickup', 'set out for pickup');
  requireStatus(state, ['received', 'preparing'], 'set out for pickup');
  requirePaidForFulfilment(state, policy, 'set out for pickup');
  const location = command.pickupLocation ?? state.delivery.pickupLocation;
  return [
    {
      type: 'ReadyForPickup',
      data: { at: command.at, ...(location === undefined ? {} : { pickupLocation: location }) },
    },
  ];
}

export function decideShip(command: Ship, state: OrderState, policy: OrderPolicy): OrderEvent[] {
  requireOrder(state, command.orderId);
  requireNotCancelled(state, 'shipping');
  requireDelivery(state, 'ship', 'shipped');
  requireStatus(state, ['received', 'preparing'], 'shipped');
  requirePaidForFulfilment(state, policy, 'shipped');
  return [
    {
      type: 'Shipped',
      data: {
        at: command.at,
        ...(command.carrier === undefined ? {} : { carrier: command.carrier }),
        ...(command.trackingNumber === undefined ? {} : { trackingNumber: command.trackingNumber }),
      },
    },
  ];
}

export function decideDelivered(command: MarkDelivered, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  requireNotCancelled(state, 'delivery');
  requireStatus(state, ['shipped'], 'delivered');
  return [{ type: 'Delivered', data: { at: command.at } }];
}

export function decidePickedUp(command: MarkPickedUp, state: OrderState, policy: OrderPolicy): OrderEvent[] {
  requireOrder(state, command.orderId);
  requireNotCancelled(state, 'pickup');
  requireDelivery(state, 'pickup', 'picked up');
  requireStatus(state, ['received', 'preparing', 'ready_for_pickup'], 'picked up');
  requirePaidForFulfilment(state, policy, 'picked up');
  return [{ type: 'PickedUp', data: { at: command.at } }];
}

export function decideEdit(command: EditOrder, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  requireNotCancelled(state, 'an edit');
  if (hasFulfilment(state) || !['received', 'preparing'].includes(state.status)) {
    throw new OrderRefusedError(
      'ORDER_EDIT_AFTER_FULFILMENT',
      state.orderId,
      'cannot be edited once fulfilment has begun: refund or return instead',
    );
  }
  if (command.changes.length === 0)
    throw new OrderRefusedError('ORDER_INVALID', state.orderId, 'an edit needs a change');
  for (const change of command.changes) {
    if (change.kind === 'VariantSwapped') {
      requireLine(state, change.lineId);
      requireCurrency(state, change.unitPrice, `the new price of line ${change.lineId}`);
    } else if (change.kind === 'QuantityChanged') {
      const line = requireLine(state, change.lineId);
      // Before fulfilment a cancelled unit is one refunded with restock cancel: it counts once.
      const floor = Math.max(line.cancelled, line.refundedQuantity);
      if (change.quantity < floor) {
        throw new OrderRefusedError(
          'ORDER_INVALID',
          state.orderId,
          `line ${line.lineId} cannot go below the ${floor} units already refunded or cancelled`,
        );
      }
    } else if (change.kind === 'AddressChanged') {
      requireDelivery(state, 'ship', 'given an address');
    }
  }
  for (const line of applyLineChanges(state.lines, command.changes)) {
    if (lineGross(line).amount < line.refundedAmount.amount) {
      throw new OrderRefusedError(
        'ORDER_INVALID',
        state.orderId,
        `line ${line.lineId} would be worth less than the ${formatMoney(line.refundedAmount)} already refunded on it`,
      );
    }
  }
  const total = totalAfterChanges(state, command.changes);
  if (total.amount < 0)
    throw new OrderRefusedError('ORDER_INVALID', state.orderId, 'the edit makes the total negative');
  const edited: OrderEvent = { type: 'OrderEdited', data: { at: command.at, changes: [...command.changes], total } };
  // An edit down to what was already paid completes the payment: digital lines go out now, as
  // they would have on the payment that covered the total.
  const digitalOpen = applyLineChanges(state.lines, command.changes)
    .filter((line) => line.kind === 'digital' && openUnits(line) > 0)
    .map((line) => line.lineId);
  if (state.paid.amount >= total.amount && digitalOpen.length > 0) {
    return [edited, { type: 'DigitalDelivered', data: { at: command.at, lineIds: digitalOpen } }];
  }
  return [edited];
}

export function decideCancel(command: CancelOrder, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  requireNotCancelled(state, 'another cancellation');
  if (hasFulfilment(state)) {
    throw new OrderRefusedError(
      'ORDER_ALREADY_FULFILLED',
      state.orderId,
      'has units that already left the store: refund them with a return instead of cancelling',
    );
  }
  const cancelled: OrderEvent = {
    type: 'OrderCancelled',
    data: { at: command.at, reason: command.reason, ...(command.note === undefined ? {} : { note: command.note }) },
  };
  const kept = netPaid(state);
  if (command.refund === false || kept <= 0) return [cancelled];
  // Stock is released by the cancellation itself, so the refund moves money only.
  const refund = allocateRefund(state, { amount: kept, currency: state.currency }, 'none');
  return [
    cancelled,
    {
      type: 'Refunded',
      data: {
        at: command.at,
        refundId: `${state.orderId}/cancel`,
        reason: 'cancelled',
        ...refund,
        origin: 'cancellation',
      },
    },
  ];
}
