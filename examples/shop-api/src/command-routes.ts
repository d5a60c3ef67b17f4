import type { LedgerCommandType } from '@order-ledger/core';

/**
 * One POST per ledger command. The path names what the command is about (its order, its SKU, a
 * claim); the body carries the rest of the command as the core's schema reads it, with `type`
 * optional (the route says it).
 */
export interface CommandRoute {
  readonly path: string;
  readonly type: LedgerCommandType;
  /** Answered 201 with a Location: the command makes the resource (an order). */
  readonly creates?: boolean;
  /** A stock command: about a SKU's stream, whose revision no GET shows, so `If-Match` has nothing to name. */
  readonly stock?: boolean;
}

export const commandRoutes: readonly CommandRoute[] = [
  { path: '/orders', type: 'PlaceOrder', creates: true },
  { path: '/orders/:orderId/payments', type: 'Pay' },
  { path: '/orders/:orderId/preparing', type: 'StartPreparing' },
  { path: '/orders/:orderId/ready-for-pickup', type: 'MarkReadyForPickup' },
  { path: '/orders/:orderId/shipment', type: 'Ship' },
  { path: '/orders/:orderId/delivered', type: 'MarkDelivered' },
  { path: '/orders/:orderId/picked-up', type: 'MarkPickedUp' },
  { path: '/orders/:orderId/edits', type: 'EditOrder' },
  { path: '/orders/:orderId/cancellation', type: 'CancelOrder' },
  { path: '/orders/:orderId/refunds', type: 'RefundOrder' },
  { path: '/orders/:orderId/amount-refunds', type: 'RefundAmount' },
  { path: '/orders/:orderId/returns', type: 'ReceiveReturn' },
  { path: '/orders/:orderId/claims', type: 'ClaimNeverArrived' },
  { path: '/orders/:orderId/claims/:claimId/settlement', type: 'SettleNeverArrived' },
  { path: '/stock/:sku/adjustments', type: 'AdjustStock', stock: true },
  { path: '/stock/:sku/recounts', type: 'RecountStock', stock: true },
];
