import { type EventStore, OrderLedger, orderStreamId, seededRandom } from '@order-ledger/core';
import { expect } from 'vitest';
import type { ChildStoreRecipe } from './child-store';
import { jobsFor, placeOrder, raceAt, sum, unexpectedFailures } from './race-fixtures';
import { runRaceWorkers } from './race-workers';

/**
 * Checkouts for the last units, from `workers` processes at once: each places a few orders of 1
 * or 2 units, and together they ask for more than there is. What a serial run allows is counted
 * from the test's own numbers: stock only goes down here, so a checkout refused while its units
 * were still free at the end was refused wrongly, and a conflict is never an answer.
 */
export async function raceForLastUnits(store: EventStore, recipe: ChildStoreRecipe, workers: number): Promise<void> {
  const sku = 'LAST-UNITS';
  const random = seededRandom(workers);
  const plan = Array.from({ length: workers }, (_, worker) =>
    Array.from({ length: 4 }, (_, index) => ({
      orderId: `w${worker}-${index}`,
      quantity: 1 + Math.floor(random() * 2),
    })),
  );
  const quantityOf = new Map(plan.flat().map(({ orderId, quantity }) => [orderId, quantity]));
  const demand = sum([...quantityOf.values()]);
  const received = Math.floor(demand * 0.6);
  const ledger = new OrderLedger(store);
  await ledger.execute({ type: 'AdjustStock', sku, at: raceAt, delta: received, reason: 'received' });

  const outcomes = await runRaceWorkers(
    jobsFor(
      recipe,
      plan.map((orders) =>
        orders.map(({ orderId, quantity }) => ({ label: orderId, command: placeOrder(orderId, sku, quantity) })),
      ),
    ),
  );

  expect(outcomes).toHaveLength(quantityOf.size);
  expect(unexpectedFailures(outcomes, (_, code) => code === 'OUT_OF_STOCK')).toEqual([]);
  const quantity = (orderId: string) => quantityOf.get(orderId) ?? Number.NaN;
  const won = sum(outcomes.filter((outcome) => outcome.ok).map((outcome) => quantity(outcome.label)));
  const left = received - won;
  expect(won).toBeLessThanOrEqual(received);
  // Every checkout that could be served was: none refused while its units were still there.
  const refusedWhileAvailable = outcomes.filter((outcome) => !outcome.ok && quantity(outcome.label) <= left);
  expect(
    refusedWhileAvailable.map((outcome) => outcome.label),
    `${left} units left unsold`,
  ).toEqual([]);

  expect(await ledger.stock(sku)).toMatchObject({ onHand: received, committed: won, available: left });
  for (const outcome of outcomes) {
    const order = await ledger.order(outcome.label);
    if (outcome.ok) expect(order.lines.map((line) => line.quantity)).toEqual([quantity(outcome.label)]);
    else expect(await store.readStream(orderStreamId(outcome.label))).toEqual([]);
  }
}
