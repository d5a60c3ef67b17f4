import { z } from 'zod';
import { idSchema, instantSchema, skuSchema } from './primitives';

/** Why stock was adjusted by hand. Recounts carry what was counted, so the delta can be checked. */
export const adjustmentReasonSchema = z.enum(['received', 'restock', 'breakage', 'in_person_sale', 'recount', 'other']);

const orderReference = {
  at: instantSchema,
  sku: skuSchema,
  orderId: idSchema,
  lineId: idSchema,
  quantity: z.number().int().positive(),
};

export const stockAdjustedSchema = z.object({
  type: z.literal('StockAdjusted'),
  data: z
    .object({
      at: instantSchema,
      sku: skuSchema,
      /** Units added (positive) or removed (negative) from on hand. Zero only for a recount that matched. */
      delta: z.number().int(),
      reason: adjustmentReasonSchema,
      /** For a recount: the number of units found on the shelf. */
      counted: z.number().int().nonnegative().optional(),
      note: z.string().max(2000).optional(),
      /** The adjustment took units promised to orders, on purpose (`force`). */
      forced: z.boolean().optional(),
    })
    .refine((data) => data.delta !== 0 || data.reason === 'recount', {
      error: 'an adjustment must move at least one unit',
      path: ['delta'],
    }),
});

/** Units promised to an open order: still on the shelf, no longer available to sell. */
export const stockCommittedSchema = z.object({
  type: z.literal('StockCommitted'),
  data: z.object(orderReference),
});

/**
 * A promise withdrawn: the order was cancelled, edited down, or refunded before shipping; or
 * `abandoned`, a reservation whose order was never recorded (on a store without atomic
 * multi-stream appends: the command failed, or its process died, between the two appends).
 */
export const stockReleasedSchema = z.object({
  type: z.literal('StockReleased'),
  data: z.object({ ...orderReference, cause: z.enum(['cancelled', 'edited', 'refunded', 'abandoned']) }),
});

/** Committed units left the building (shipped or picked up): on hand and committed both fall. */
export const stockShippedOutSchema = z.object({
  type: z.literal('StockShippedOut'),
  data: z.object(orderReference),
});

/** Units came back resellable from a buyer: on hand rises. Damaged returns never come back. */
export const stockReturnedSchema = z.object({
  type: z.literal('StockReturned'),
  data: z.object(orderReference),
});

/** Every event a stock stream (one per SKU) may hold, discriminated by `type`. */
export const stockEventSchema = z.discriminatedUnion('type', [
  stockAdjustedSchema,
  stockCommittedSchema,
  stockReleasedSchema,
  stockShippedOutSchema,
  stockReturnedSchema,
]);

export type StockEvent = z.infer<typeof stockEventSchema>;
export type StockEventType = StockEvent['type'];
export type AdjustmentReason = z.infer<typeof adjustmentReasonSchema>;
