import type { Money } from '../money/money';

/** The store's rules the order decider follows. Every field has a sensible default. */
export interface OrderPolicy {
  /**
   * Let a pickup order be prepared, set out and handed over before it is paid, for shops that
   * take payment at the counter. Default false: nothing is fulfilled unpaid.
   */
  readonly allowPayAtPickup: boolean;
  /**
   * A "never arrived" claim worth at most this much is settled at once, with no one deciding
   * (cheaper than investigating). Above it the claim waits for the store's decision.
   * `undefined` means every claim waits. Per currency, in minor units.
   */
  readonly justFixItBelow: Readonly<Record<string, number>> | undefined;
  /** How a claim under the threshold is settled. */
  readonly justFixItWith: 'refund' | 'replacement';
}

export const defaultOrderPolicy: OrderPolicy = {
  allowPayAtPickup: false,
  justFixItBelow: undefined,
  justFixItWith: 'refund',
};

/** Fills in the defaults: `orderPolicy({ allowPayAtPickup: true })`. */
export function orderPolicy(overrides: Partial<OrderPolicy> = {}): OrderPolicy {
  return { ...defaultOrderPolicy, ...overrides };
}

/** True when a claim of `value` is small enough to settle without asking anyone. */
export function isUnderJustFixIt(policy: OrderPolicy, value: Money): boolean {
  const threshold = policy.justFixItBelow?.[value.currency];
  return threshold !== undefined && value.amount <= threshold;
}
