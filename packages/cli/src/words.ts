import type { PendingMoney, StuckReason } from '@order-ledger/projection-orders-board';

/** Why an order is stuck, as the board and the sweep say it. */
export const stuckWords: Readonly<Record<StuckReason, string>> = {
  'past-promise': 'past the promised date',
  'not-started': 'paid, not started',
  'awaiting-payment': 'holding stock, not fully paid',
  'preparing-too-long': 'being prepared too long',
  'pickup-no-show': 'not collected',
  'not-delivered': 'not delivered yet',
};

/** What money is pending on an order. */
export const pendingMoneyWords: Readonly<Record<PendingMoney['kind'], string>> = {
  'refund-owed': 'refund owed',
  'cancelled-not-refunded': 'cancelled, not refunded',
  'partial-payment-due': 'rest of payment due',
  'awaiting-payment': 'payment due',
};

/** A code from the ledger (a reason, a segment) as words: `wrong_item` → "wrong item". */
export function codeInWords(code: string): string {
  return code.replaceAll(/[_-]/g, ' ');
}
