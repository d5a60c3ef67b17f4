import type { FulfilmentStatus, OrderStatus, PaymentStatus } from './order-state';

/**
 * The statuses in the words a person reads: the one mapping every message and report uses, so a
 * code such as `ready_for_pickup` is never shown to a shopkeeper.
 */
export const orderStatusWords: Readonly<Record<OrderStatus, string>> = {
  received: 'received',
  preparing: 'being prepared',
  ready_for_pickup: 'ready for pickup',
  shipped: 'shipped',
  done: 'done',
  cancelled: 'cancelled',
};

export const paymentStatusWords: Readonly<Record<PaymentStatus, string>> = {
  unpaid: 'unpaid',
  partially_paid: 'part paid',
  paid: 'paid',
  partially_refunded: 'part refunded',
  refunded: 'refunded',
};

export const fulfilmentStatusWords: Readonly<Record<FulfilmentStatus, string>> = {
  unfulfilled: 'nothing sent yet',
  partially_fulfilled: 'partly sent',
  fulfilled: 'all sent',
  cancelled: 'cancelled',
};
