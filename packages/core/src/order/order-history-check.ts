import type { OrderEvent } from '../catalogue/order-events';
import type { OrderCommand } from './order-commands';
import { decideOrder } from './order-decider';
import { OrderRefusedError } from './order-errors';
import { requireNotBeforePlacement, requireOrder } from './order-guards';
import { orderPolicy } from './order-policy';
import type { OrderState } from './order-state';

/**
 * The policy a recorded history is checked under: the most lenient a store may choose (pickup
 * orders fulfilled before payment), because a history does not say which policy its store had.
 * Every rule that holds under any policy is still checked.
 */
const anyStorePolicy = orderPolicy({ allowPayAtPickup: true });

/**
 * The command whose decision records `event`, when one command alone records it. Events a
 * decision writes beside another (a digital delivery on payment, a claim's replacement) have
 * none: their command was checked with the event it came with.
 */
function commandRecording(event: OrderEvent, orderId: string): OrderCommand | undefined {
  const { at } = event.data;
  // Only what the rules read is carried over: labels (a carrier, a preparer) decide nothing.
  switch (event.type) {
    case 'OrderPlaced': {
      const { payAtPickup, ...placed } = event.data;
      return { type: 'PlaceOrder', ...placed, ...(payAtPickup === undefined ? {} : { payAtPickup }) };
    }
    case 'Paid':
      return {
        type: 'Pay',
        orderId,
        at,
        paymentId: event.data.paymentId,
        amount: event.data.amount,
        method: event.data.method,
      };
    case 'Preparing':
      return { type: 'StartPreparing', orderId, at };
    case 'ReadyForPickup':
      return { type: 'MarkReadyForPickup', orderId, at };
    case 'Shipped':
      return { type: 'Ship', orderId, at };
    case 'Delivered':
      return { type: 'MarkDelivered', orderId, at };
    case 'PickedUp':
      return { type: 'MarkPickedUp', orderId, at };
    case 'OrderEdited':
      return { type: 'EditOrder', orderId, at, changes: event.data.changes };
    case 'OrderCancelled':
      return { type: 'CancelOrder', orderId, at, reason: event.data.reason, refund: false };
    case 'Refunded':
      // Its money against what was paid; a refund of units only (amount 0) moves no money.
      return event.data.amount.amount > 0
        ? {
            type: 'RefundAmount',
            orderId,
            at,
            refundId: event.data.refundId,
            reason: event.data.reason,
            amount: event.data.amount,
          }
        : undefined;
    case 'ReturnReceived':
      return { type: 'ReceiveReturn', orderId, at, returnId: event.data.returnId, lines: event.data.lines };
    case 'NeverArrivedClaimed':
      return { type: 'ClaimNeverArrived', orderId, at, claimId: event.data.claimId };
    case 'DigitalDelivered':
    case 'NeverArrivedSettled':
    case 'ReplacementShipped':
      return undefined;
  }
}

/**
 * Throws the refusal the order decider would give the command that records `event` on an order
 * in `state`: a recorded history (an import) is held to the rules live commands are. An event
 * the same command would record again (a payment id already there) is refused too: a history
 * records each decision once. Events with no command of their own are checked only for an order
 * to belong to and for their date.
 */
export function refuseImpossibleOrderEvent(state: OrderState, event: OrderEvent, orderId: string): void {
  const command = commandRecording(event, orderId);
  if (command === undefined) {
    requireOrder(state, orderId);
    requireNotBeforePlacement(state, event.data.at);
    return;
  }
  if (decideOrder(command, state, anyStorePolicy).length === 0) {
    throw new OrderRefusedError(
      'ORDER_INVALID',
      orderId,
      `${event.type} at ${event.data.at} records again what an earlier event recorded`,
    );
  }
}
