import { z } from 'zod';
import { idSchema, instantSchema, moneySchema, quantitySchema, skuSchema } from './primitives';

/** What is sold on a line. Digital lines never touch stock and fulfil themselves once paid. */
export const lineKindSchema = z.enum(['physical', 'digital']);

export const orderLineSchema = z.object({
  lineId: idSchema,
  sku: skuSchema,
  quantity: quantitySchema,
  unitPrice: moneySchema,
  kind: lineKindSchema,
  title: z.string().max(500).optional(),
});

export const addressSchema = z.object({
  name: z.string().max(200).optional(),
  line1: z.string().min(1).max(500),
  line2: z.string().max(500).optional(),
  city: z.string().min(1).max(200),
  postalCode: z.string().max(40).optional(),
  region: z.string().max(200).optional(),
  country: z.string().length(2, { error: 'must be an ISO 3166-1 alpha-2 code' }),
});

export const deliverySchema = z.object({
  method: z.enum(['ship', 'pickup', 'none']),
  address: addressSchema.optional(),
  pickupLocation: z.string().max(200).optional(),
  note: z.string().max(2000).optional(),
});

export const orderPlacedSchema = z.object({
  type: z.literal('OrderPlaced'),
  data: z.object({
    at: instantSchema,
    orderId: idSchema,
    customerId: idSchema,
    currency: moneySchema.shape.currency,
    lines: z.array(orderLineSchema).min(1, { error: 'an order needs at least one line' }),
    shipping: moneySchema,
    tax: moneySchema,
    discount: moneySchema,
    delivery: deliverySchema,
    /** The buyer pays when they collect; lets a pickup order be prepared while unpaid. */
    payAtPickup: z.boolean().optional(),
  }),
});

export const paymentMethodSchema = z.enum(['card', 'cash', 'bank_transfer', 'wallet', 'other']);

/** Money captured from the buyer. Several `Paid` events add up: a deposit now, the rest later. */
export const paidSchema = z.object({
  type: z.literal('Paid'),
  data: z.object({
    at: instantSchema,
    paymentId: idSchema,
    amount: moneySchema,
    method: paymentMethodSchema,
    providerReference: z.string().max(200).optional(),
  }),
});

export const preparingSchema = z.object({
  type: z.literal('Preparing'),
  data: z.object({
    at: instantSchema,
    /** Who is packing it, for stores where a second person fulfils. */
    preparedBy: z.string().min(1).max(200).optional(),
  }),
});

export const readyForPickupSchema = z.object({
  type: z.literal('ReadyForPickup'),
  data: z.object({ at: instantSchema, pickupLocation: z.string().max(200).optional() }),
});

export const shippedSchema = z.object({
  type: z.literal('Shipped'),
  data: z.object({
    at: instantSchema,
    carrier: z.string().max(200).optional(),
    trackingNumber: z.string().max(200).optional(),
  }),
});

export const deliveredSchema = z.object({
  type: z.literal('Delivered'),
  data: z.object({ at: instantSchema }),
});

export const pickedUpSchema = z.object({
  type: z.literal('PickedUp'),
  data: z.object({ at: instantSchema }),
});

/** Emitted by the decider, in the same step, when a payment completes an order's digital lines. */
export const digitalDeliveredSchema = z.object({
  type: z.literal('DigitalDelivered'),
  data: z.object({ at: instantSchema, lineIds: z.array(idSchema).min(1) }),
});

export const orderChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('AddressChanged'), address: addressSchema }),
  z.object({ kind: z.literal('DeliveryNoteChanged'), note: z.string().max(2000) }),
  z.object({ kind: z.literal('VariantSwapped'), lineId: idSchema, sku: skuSchema, unitPrice: moneySchema }),
  z.object({ kind: z.literal('QuantityChanged'), lineId: idSchema, quantity: quantitySchema }),
]);

/**
 * An edit before anything is fulfilled. A price change moves the total; the difference shows on
 * the order as money due (total above paid) or a refund owed (paid above total).
 */
export const orderEditedSchema = z.object({
  type: z.literal('OrderEdited'),
  data: z.object({
    at: instantSchema,
    changes: z.array(orderChangeSchema).min(1),
    /** The order total after the edit, recorded so readers need not recompute it. */
    total: moneySchema,
  }),
});

export const cancelReasonSchema = z.enum(['customer', 'declined', 'fraud', 'inventory', 'staff', 'other']);

export const orderCancelledSchema = z.object({
  type: z.literal('OrderCancelled'),
  data: z.object({ at: instantSchema, reason: cancelReasonSchema, note: z.string().max(2000).optional() }),
});

/**
 * What a refunded line does to stock:
 * - `none`: money only; stock does not move (the damaged mug the buyer keeps).
 * - `cancel`: the units never shipped and never will; their commitment is released.
 * - `return`: the units came back resellable (a `ReturnReceived` for them precedes the refund).
 */
export const restockSchema = z.enum(['none', 'cancel', 'return']);

export const refundReasonSchema = z.enum([
  'damaged',
  'wrong_item',
  'missing_item',
  'not_arrived',
  'changed_mind',
  'cancelled',
  'price_adjustment',
  'other',
]);

export const refundLineSchema = z.object({
  lineId: idSchema,
  /** Units refunded; 0 for a price adjustment on a line whose units all stay with the buyer. */
  quantity: z.number().int().nonnegative(),
  amount: moneySchema,
  restock: restockSchema,
});

export const refundedSchema = z.object({
  type: z.literal('Refunded'),
  data: z.object({
    at: instantSchema,
    refundId: idSchema,
    reason: refundReasonSchema,
    lines: z.array(refundLineSchema),
    shipping: moneySchema,
    /** Refunded tax and anything not tied to a line (an overpayment, goodwill). */
    other: moneySchema,
    /** lines + shipping + other: the money that left the store. */
    amount: moneySchema,
    /**
     * Set when the ledger made this refund as part of another step: `cancellation` (the money of a
     * cancelled order) or `claim` (a settled never-arrived claim). Its id is then the ledger's, not
     * the caller's, and never blocks a caller's refund of the same id. Absent on older events.
     */
    origin: z.enum(['cancellation', 'claim']).optional(),
  }),
});

export const returnConditionSchema = z.enum(['resellable', 'damaged']);

export const returnReceivedSchema = z.object({
  type: z.literal('ReturnReceived'),
  data: z.object({
    at: instantSchema,
    returnId: idSchema,
    lines: z.array(z.object({ lineId: idSchema, quantity: quantitySchema, condition: returnConditionSchema })).min(1),
    /**
     * The refund (by id) that recorded these units as back (`restock: return` on units not yet
     * returned). Such a return's id is the ledger's: a later return the caller records under the
     * same id is still recorded. Absent on returns the caller recorded, and on older events.
     */
    withRefund: idSchema.optional(),
  }),
});

/** The buyer says the parcel never came. Settled at once under the store's threshold, else decided by the store. */
export const neverArrivedClaimedSchema = z.object({
  type: z.literal('NeverArrivedClaimed'),
  data: z.object({ at: instantSchema, claimId: idSchema, value: moneySchema }),
});

export const claimSettlementSchema = z.enum(['refund', 'replacement', 'split', 'refused']);

export const neverArrivedSettledSchema = z.object({
  type: z.literal('NeverArrivedSettled'),
  data: z.object({
    at: instantSchema,
    claimId: idSchema,
    settlement: claimSettlementSchema,
    /** True when the store's just-fix-it threshold settled it with no one deciding. */
    automatic: z.boolean(),
    note: z.string().max(2000).optional(),
  }),
});

/** Replacement units sent for a settled claim: they leave stock like a shipment. */
export const replacementShippedSchema = z.object({
  type: z.literal('ReplacementShipped'),
  data: z.object({
    at: instantSchema,
    claimId: idSchema,
    lines: z.array(z.object({ lineId: idSchema, quantity: quantitySchema })).min(1),
  }),
});

/** Every event an order stream may hold, discriminated by `type`. */
export const orderEventSchema = z.discriminatedUnion('type', [
  orderPlacedSchema,
  paidSchema,
  preparingSchema,
  readyForPickupSchema,
  shippedSchema,
  deliveredSchema,
  pickedUpSchema,
  digitalDeliveredSchema,
  orderEditedSchema,
  orderCancelledSchema,
  refundedSchema,
  returnReceivedSchema,
  neverArrivedClaimedSchema,
  neverArrivedSettledSchema,
  replacementShippedSchema,
]);

export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderEventType = OrderEvent['type'];
export type OrderEventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;
export type OrderLine = z.infer<typeof orderLineSchema>;
export type LineKind = z.infer<typeof lineKindSchema>;
export type Address = z.infer<typeof addressSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
export type DeliveryMethod = Delivery['method'];
export type OrderChange = z.infer<typeof orderChangeSchema>;
export type CancelReason = z.infer<typeof cancelReasonSchema>;
export type Restock = z.infer<typeof restockSchema>;
export type RefundReason = z.infer<typeof refundReasonSchema>;
export type RefundLine = z.infer<typeof refundLineSchema>;
export type ReturnCondition = z.infer<typeof returnConditionSchema>;
export type ClaimSettlement = z.infer<typeof claimSettlementSchema>;
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
