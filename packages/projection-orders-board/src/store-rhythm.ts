import { utc } from '@date-fns/utc';
import { addBusinessDays, addDays, endOfDay, getDay } from 'date-fns';

/**
 * The promise a store makes to its buyers, and the limits past which an order counts as stuck.
 * Days are counted in UTC; business days are Monday to Friday.
 */
export interface StoreRhythm {
  /**
   * When an order should be out of the door, counted from when it is fully paid (or placed, for
   * pay-at-pickup orders): within N business days, or on the next of fixed weekdays
   * (`{ kind: 'weekdays', weekdays: [4] }` is "ships on Thursdays"; 0 is Sunday). A weekday
   * schedule ships on the first listed day after the day of payment.
   */
  readonly promise:
    | { readonly kind: 'business-days'; readonly days: number }
    | { readonly kind: 'weekdays'; readonly weekdays: readonly number[] };
  /**
   * Received for longer than this many business days: stuck. Paid (or pay-at-pickup) and not yet
   * being prepared, counted from payment (placement); or not fully paid while holding stock,
   * counted from placement. Default 1.
   */
  readonly startWithinBusinessDays: number;
  /** Being prepared for longer than this many business days: stuck. Default 2. */
  readonly preparingForBusinessDays: number;
  /** Waiting for pickup for longer than this many days: a no-show. Default 14. */
  readonly pickupWithinDays: number;
  /** Shipped but not delivered after this many days: stuck in transit. Default 10. */
  readonly deliveredWithinDays: number;
  /**
   * Confirmed, still with the shop or the carrier, and nothing told to the buyer for this many
   * days: a silent order, the one a "where is my order?" is about. Default 4.
   */
  readonly silentAfterDays: number;
}

export const defaultStoreRhythm: StoreRhythm = {
  promise: { kind: 'business-days', days: 2 },
  startWithinBusinessDays: 1,
  preparingForBusinessDays: 2,
  pickupWithinDays: 14,
  deliveredWithinDays: 10,
  silentAfterDays: 4,
};

export function storeRhythm(overrides: Partial<StoreRhythm> = {}): StoreRhythm {
  return { ...defaultStoreRhythm, ...overrides };
}

const inUtc = { in: utc };

/** The end of the day an order promised at `from` should be out of the door by. */
export function promisedBy(from: string, rhythm: StoreRhythm): Date {
  const start = new Date(from);
  if (rhythm.promise.kind === 'business-days')
    return endOfDay(addBusinessDays(start, rhythm.promise.days, inUtc), inUtc);
  const weekdays = rhythm.promise.weekdays;
  if (weekdays.length === 0) throw new RangeError('a weekday schedule needs at least one weekday');
  for (let ahead = 1; ahead <= 7; ahead += 1) {
    const day = addDays(start, ahead, inUtc);
    if (weekdays.includes(getDay(day, inUtc))) return endOfDay(day, inUtc);
  }
  throw new RangeError(`weekdays must be 0 (Sunday) to 6, got ${weekdays.join(', ')}`);
}

/** `from` plus N business days, at the end of that day. */
export function businessDaysAfter(from: string, days: number): Date {
  return endOfDay(addBusinessDays(new Date(from), days, inUtc), inUtc);
}

/** `from` plus N calendar days, to the millisecond. */
export function daysAfter(from: string, days: number): Date {
  return addDays(new Date(from), days, inUtc);
}
