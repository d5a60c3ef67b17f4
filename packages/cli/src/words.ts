import type { StockEvent } from '@order-ledger/core';
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

/** A stock movement in words: "MUG: 2 units shipped out". */
export function stockEventInWords(event: StockEvent): string {
  const units = (count: number) => `${count} unit${Math.abs(count) === 1 ? '' : 's'}`;
  const { sku } = event.data;
  switch (event.type) {
    case 'StockAdjusted': {
      const { delta, reason, counted } = event.data;
      if (reason === 'recount') {
        const found = counted === undefined ? '' : `counted ${counted}, `;
        return `${sku}: recount, ${found}${delta === 0 ? 'as expected' : `${delta > 0 ? '+' : ''}${delta} booked`}`;
      }
      return `${sku}: ${delta > 0 ? '+' : ''}${delta} (${codeInWords(reason)})`;
    }
    case 'StockCommitted':
      return `${sku}: ${units(event.data.quantity)} promised to order ${event.data.orderId}`;
    case 'StockReleased':
      return `${sku}: ${units(event.data.quantity)} back on sale (order ${event.data.orderId} ${event.data.cause})`;
    case 'StockShippedOut':
      return `${sku}: ${units(event.data.quantity)} out to order ${event.data.orderId}`;
    case 'StockReturned':
      return `${sku}: ${units(event.data.quantity)} returned from order ${event.data.orderId}`;
  }
}
