import { z } from 'zod';
import { isCurrencyCode } from '../money/currencies';

/** Business time, given by the caller: an ISO 8601 instant with an offset (`2026-03-02T09:00:00Z`). */
export const instantSchema = z.iso.datetime({ offset: true });

export const currencyCodeSchema = z
  .string()
  .refine(isCurrencyCode, { error: (issue) => `"${String(issue.input)}" is not an ISO 4217 currency code` });

const minorUnits = z
  .number()
  .int({ error: 'must be a whole number of minor units' })
  .refine(Number.isSafeInteger, { error: 'is beyond the safe integer range' });

/** Money as it travels in events: never negative, the event type carries the sign. */
export const moneySchema = z.object({
  amount: minorUnits.nonnegative({ error: 'must not be negative' }),
  currency: currencyCodeSchema,
});

/** A count of units: a whole number, at least one. */
export const quantitySchema = z.number().int({ error: 'must be a whole number' }).positive();

export const idSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(200)
  .refine((id) => !id.includes('\u0000'), { error: 'must not contain the NUL character (U+0000)' });

export const skuSchema = idSchema;
