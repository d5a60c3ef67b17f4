import { LedgerError } from '../errors/ledger-error';

/**
 * Why the order decider refused a command. One class, many codes: a caller switches on `code`,
 * a person reads `message`, and `orderId` says which order.
 */
export type OrderRefusalCode =
  /**
   * The command names an order the store does not hold.
   * @remedy Check the order id (and the store): place the order first.
   */
  | 'ORDER_NOT_FOUND'
  /**
   * `PlaceOrder` names an order id already placed.
   * @remedy Give the new order an id of its own; to retry a placement that may have landed, send it
   * again with the same command id.
   */
  | 'ORDER_ALREADY_EXISTS'
  /**
   * The command does not make a valid order: a line id used twice, a price or charge in another
   * currency, physical lines with no delivery or address, a discount larger than the order, a
   * payment of zero, an edit that changes nothing.
   * @remedy Read the message, which names the field, and correct the command.
   */
  | 'ORDER_INVALID'
  /**
   * The order is cancelled: it takes only refunds and returns now.
   * @remedy Refund or receive a return instead, or place a new order.
   */
  | 'ORDER_CANCELLED'
  /**
   * The order cannot be prepared, shipped or handed over before it is paid in full.
   * @remedy Record the payment first (`Pay`); a shop that takes payment at the counter gives the
   * ledger `policy: { allowPayAtPickup: true }` for its pickup orders.
   */
  | 'ORDER_NOT_PAID'
  /**
   * The order cannot be cancelled: units of it already left the store.
   * @remedy Refund what is coming back with a return (`ReceiveReturn`, `RefundOrder`) instead of
   * cancelling.
   */
  | 'ORDER_ALREADY_FULFILLED'
  /**
   * The step does not follow from where the order is (shipping an order not prepared, a pickup step
   * on a shipped order, preparing a digital-only order).
   * @remedy Look at the order's status (`ledger.order(id)`) and send the step that comes next.
   */
  | 'ORDER_INVALID_TRANSITION'
  /**
   * Lines can no longer be edited: fulfilment has begun.
   * @remedy Cancel what has not left with a refund of those units, or place a new order for the
   * change.
   */
  | 'ORDER_EDIT_AFTER_FULFILMENT'
  /**
   * The payment is more than the order still owes.
   * @remedy Record the amount due (the order's total less what was paid); money paid twice is
   * refunded, not recorded.
   */
  | 'ORDER_OVERPAYMENT'
  /**
   * A payment id of this order was sent again with a different amount.
   * @remedy Give each payment an id of its own; a retry must send the same amount.
   */
  | 'PAYMENT_ID_REUSED'
  /**
   * A refund id of this order was sent again with a different refund.
   * @remedy Give each refund an id of its own; a retry must send the same refund.
   */
  | 'REFUND_ID_REUSED'
  /**
   * A return id of this order was sent again with different units.
   * @remedy Give each return an id of its own; a retry must send the same units.
   */
  | 'RETURN_ID_REUSED'
  /**
   * The refund is more than was paid and not yet refunded.
   * @remedy Refund at most the order's net paid amount (paid less refunded).
   */
  | 'REFUND_EXCEEDS_PAID'
  /**
   * The refund for a line is more than the line is worth, less what was refunded on it.
   * @remedy Refund at most the rest of the line's value.
   */
  | 'REFUND_EXCEEDS_LINE'
  /**
   * The refund names more units of a line than the line has left to refund.
   * @remedy Refund at most the line's quantity less the units already refunded.
   */
  | 'REFUND_EXCEEDS_UNITS'
  /**
   * The shipping refund is more than the shipping charged, less what was refunded of it.
   * @remedy Refund at most the rest of the shipping charge.
   */
  | 'REFUND_EXCEEDS_SHIPPING'
  /**
   * A refund restocks as returned more units than left the store and are not back yet (or digital
   * units, which have no stock).
   * @remedy Restock as returned only units that were shipped; refund the others without restocking,
   * or cancel-restock units that never left.
   */
  | 'RESTOCK_UNITS_NEVER_LEFT'
  /**
   * A refund asks to cancel units (release their reservation) that already left the store.
   * @remedy Refund shipped units through a return (`ReceiveReturn`), which puts them back when they
   * arrive.
   */
  | 'RESTOCK_UNITS_ALREADY_FULFILLED'
  /**
   * The return names more units than are still with the buyer (or digital units, which cannot come
   * back).
   * @remedy Return at most the units shipped and not yet returned.
   */
  | 'RETURN_EXCEEDS_SHIPPED'
  /**
   * A never-arrived claim cannot be made or settled now: the order has not shipped yet, already has
   * a claim waiting, has nothing left to claim, or the claim was settled another way.
   * @remedy Read the message: settle the waiting claim first, claim only a shipped order with money
   * left on it, or settle a claim once.
   */
  | 'CLAIM_NOT_ALLOWED'
  /**
   * `SettleNeverArrived` names a claim the order does not have.
   * @remedy Check the claim id: it is the one given to `ClaimNeverArrived`.
   */
  | 'CLAIM_NOT_FOUND'
  /**
   * An amount in the command is not in the order's currency.
   * @remedy Send amounts in the currency the order was placed in.
   */
  | 'CURRENCY_MISMATCH'
  /**
   * The command names a line id the order does not have.
   * @remedy Use the line ids given when the order was placed (or added by an edit).
   */
  | 'UNKNOWN_LINE';

export class OrderRefusedError extends LedgerError {
  readonly code: OrderRefusalCode;
  readonly orderId: string;

  constructor(code: OrderRefusalCode, orderId: string, message: string) {
    super(`order ${orderId}: ${message}`);
    this.code = code;
    this.orderId = orderId;
  }
}
