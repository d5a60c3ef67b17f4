import { z } from 'zod';
import {
  cancelReasonSchema,
  claimSettlementSchema,
  deliverySchema,
  orderChangeSchema,
  orderLineSchema,
  paymentMethodSchema,
  refundReasonSchema,
  restockSchema,
  returnConditionSchema,
} from '../catalogue/order-events';
import {
  currencyCodeSchema,
  idSchema,
  instantSchema,
  moneySchema,
  quantitySchema,
  skuSchema,
} from '../catalogue/primitives';
import { adjustmentReasonSchema } from '../catalogue/stock-events';
import { LedgerError } from '../errors/ledger-error';
import type { LedgerCommand } from './ledger-command';

/**
 * What `OrderLedger.execute` accepts, checked before anything is decided. Commands are strict (an
 * unknown key is a typo the caller wants to hear about); what nests inside them (lines, addresses)
 * is stripped of unknown keys. The ledger decides and stores the parsed value, never the caller's
 * object: a getter or `toJSON` cannot make what is stored differ from what was checked.
 */
const order = { orderId: idSchema, at: instantSchema };
const note = z.string().max(2000).optional();

const commandSchemas = {
  PlaceOrder: z.strictObject({
    type: z.literal('PlaceOrder'),
    ...order,
    customerId: idSchema,
    currency: currencyCodeSchema,
    lines: z.array(orderLineSchema).min(1, { error: 'an order needs at least one line' }).max(500),
    shipping: moneySchema.optional(),
    tax: moneySchema.optional(),
    discount: moneySchema.optional(),
    delivery: deliverySchema,
    payAtPickup: z.boolean().optional(),
  }),
  Pay: z.strictObject({
    type: z.literal('Pay'),
    ...order,
    paymentId: idSchema,
    amount: moneySchema,
    method: paymentMethodSchema,
    providerReference: z.string().max(200).optional(),
  }),
  StartPreparing: z.strictObject({
    type: z.literal('StartPreparing'),
    ...order,
    preparedBy: z.string().min(1).max(200).optional(),
  }),
  MarkReadyForPickup: z.strictObject({
    type: z.literal('MarkReadyForPickup'),
    ...order,
    pickupLocation: z.string().max(200).optional(),
  }),
  Ship: z.strictObject({
    type: z.literal('Ship'),
    ...order,
    carrier: z.string().max(200).optional(),
    trackingNumber: z.string().max(200).optional(),
  }),
  MarkDelivered: z.strictObject({ type: z.literal('MarkDelivered'), ...order }),
  MarkPickedUp: z.strictObject({ type: z.literal('MarkPickedUp'), ...order }),
  EditOrder: z.strictObject({ type: z.literal('EditOrder'), ...order, changes: z.array(orderChangeSchema).max(100) }),
  CancelOrder: z.strictObject({
    type: z.literal('CancelOrder'),
    ...order,
    reason: cancelReasonSchema,
    note,
    refund: z.boolean().optional(),
  }),
  RefundOrder: z.strictObject({
    type: z.literal('RefundOrder'),
    ...order,
    refundId: idSchema,
    reason: refundReasonSchema,
    lines: z
      .array(
        z.object({
          lineId: idSchema,
          quantity: z.number().int({ error: 'must be a whole number' }).nonnegative({ error: 'must not be negative' }),
          amount: moneySchema.optional(),
          restock: restockSchema,
        }),
      )
      .max(500)
      .optional(),
    shipping: moneySchema.optional(),
    other: moneySchema.optional(),
  }),
  RefundAmount: z.strictObject({
    type: z.literal('RefundAmount'),
    ...order,
    refundId: idSchema,
    reason: refundReasonSchema,
    amount: moneySchema,
  }),
  ReceiveReturn: z.strictObject({
    type: z.literal('ReceiveReturn'),
    ...order,
    returnId: idSchema,
    lines: z.array(z.object({ lineId: idSchema, quantity: quantitySchema, condition: returnConditionSchema })).max(500),
  }),
  ClaimNeverArrived: z.strictObject({ type: z.literal('ClaimNeverArrived'), ...order, claimId: idSchema }),
  SettleNeverArrived: z.strictObject({
    type: z.literal('SettleNeverArrived'),
    ...order,
    claimId: idSchema,
    settlement: claimSettlementSchema,
    refundAmount: moneySchema.optional(),
    note,
  }),
  AdjustStock: z.strictObject({
    type: z.literal('AdjustStock'),
    sku: skuSchema,
    at: instantSchema,
    delta: z.number().int({ error: 'must be a whole number of units' }),
    // Only "recount" gets the pointer to RecountStock; any other wrong reason is told the valid ones.
    reason: adjustmentReasonSchema.exclude(['recount'], {
      error: (issue) => (issue.input === 'recount' ? 'a recount is its own command: RecountStock' : undefined),
    }),
    note,
    force: z.boolean().optional(),
  }),
  RecountStock: z.strictObject({
    type: z.literal('RecountStock'),
    sku: skuSchema,
    at: instantSchema,
    counted: z
      .number()
      .int({ error: 'must be a whole number of units' })
      .nonnegative({ error: 'must not be negative' }),
    note,
  }),
} as const;

export type LedgerCommandType = keyof typeof commandSchemas;

/**
 * A command the ledger cannot read: an unknown type, a missing or malformed field, an unknown key.
 * @remedy Correct the command: `issues` lists each field's path and what is wrong with it.
 */
export class CommandValidationError extends LedgerError {
  readonly code = 'COMMAND_INVALID' as const;
  readonly issues: readonly { readonly path: string; readonly reason: string }[];

  constructor(what: string, issues: readonly { readonly path: string; readonly reason: string }[]) {
    super(`invalid ${what}: ${issues.map((issue) => `${issue.path || '(command)'}: ${issue.reason}`).join('; ')}`);
    this.issues = issues;
  }
}

/** Checks a command and returns the parsed copy the ledger works on, or throws `CommandValidationError`. */
export function parseLedgerCommand(input: unknown): LedgerCommand {
  const type =
    typeof input === 'object' && input !== null && 'type' in input ? (input as { type: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(commandSchemas, type)) {
    throw new CommandValidationError('command', [
      {
        path: 'type',
        reason: `${type === undefined ? 'missing' : `unknown command type ${JSON.stringify(type)}`}; expected one of ${Object.keys(commandSchemas).join(', ')}`,
      },
    ]);
  }
  const result = commandSchemas[type as LedgerCommandType].safeParse(input);
  if (result.success) return result.data as LedgerCommand;
  const subject = 'orderId' in (input as object) ? ` for order ${String((input as { orderId: unknown }).orderId)}` : '';
  throw new CommandValidationError(
    `${type}${subject}`,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), reason: issue.message })),
  );
}
