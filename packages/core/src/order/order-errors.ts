import { LedgerError } from '../errors/ledger-error';

/**
 * Why the order decider refused a command. One class, many codes: a caller switches on `code`,
 * a person reads `message`, and `orderId` says which order.
 */
export type OrderRefusalCode =
  | 'ORDER_NOT_FOUND'
  | 'ORDER_ALREADY_EXISTS'
  | 'ORDER_INVALID'
  | 'ORDER_CANCELLED'
  | 'ORDER_NOT_PAID'
  | 'ORDER_ALREADY_FULFILLED'
  | 'ORDER_INVALID_TRANSITION'
  | 'ORDER_EDIT_AFTER_FULFILMENT'
  | 'ORDER_OVERPAYMENT'
  | 'PAYMENT_ID_REUSED'
  | 'REFUND_ID_REUSED'
  | 'RETURN_ID_REUSED'
  | 'REFUND_EXCEEDS_PAID'
  | 'REFUND_EXCEEDS_LINE'
  | 'REFUND_EXCEEDS_UNITS'
  | 'REFUND_EXCEEDS_SHIPPING'
  | 'RESTOCK_UNITS_NEVER_LEFT'
  | 'RESTOCK_UNITS_ALREADY_FULFILLED'
  | 'RETURN_EXCEEDS_SHIPPED'
  | 'CLAIM_NOT_ALLOWED'
  | 'CLAIM_NOT_FOUND'
  | 'CURRENCY_MISMATCH'
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
