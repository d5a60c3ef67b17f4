import type { PlaceOrder } from '@order-ledger/core';
import type { ChildStoreRecipe } from './child-store';
import type { RaceJob, RaceOutcome, RaceStep } from './race-protocol';

export const raceAt = '2026-04-01T09:00:00Z';
export const unitPrice = 1000;

/** A pickup order of `quantity` units of one SKU, one line `l1`. */
export function placeOrder(orderId: string, sku: string, quantity: number): PlaceOrder {
  return {
    type: 'PlaceOrder',
    orderId,
    customerId: `buyer-${orderId}`,
    at: raceAt,
    currency: 'EUR',
    lines: [{ lineId: 'l1', sku, quantity, unitPrice: { amount: unitPrice, currency: 'EUR' }, kind: 'physical' }],
    delivery: { method: 'pickup' },
  };
}

export function jobsFor(recipe: ChildStoreRecipe, steps: readonly (readonly RaceStep[])[]): RaceJob[] {
  return steps.map((list) => ({ store: recipe, steps: list }));
}

/** The outcomes of one label: one per worker that ran it. */
export function outcomesOf(outcomes: readonly RaceOutcome[], label: string): RaceOutcome[] {
  return outcomes.filter((outcome) => outcome.label === label);
}

/**
 * The failures a serial run would not have had, one line each, for an assertion message that
 * says what went wrong: `[]` when every failure is one `allowed` accepts.
 */
export function unexpectedFailures(
  outcomes: readonly RaceOutcome[],
  allowed: (label: string, code: string) => boolean,
): string[] {
  return outcomes.flatMap((outcome) =>
    outcome.ok || allowed(outcome.label, outcome.code)
      ? []
      : [`${outcome.label} (worker ${outcome.worker}): ${outcome.code}: ${outcome.message}`],
  );
}

/** Whether `earlier` surely ended before `later` began, on the clock every process shares. */
export function endedBefore(earlier: RaceOutcome, later: RaceOutcome): boolean {
  return BigInt(earlier.endedAt) < BigInt(later.startedAt);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
