import { type EventStore, OrderLedger, orderStreamId, stockStreamId } from '@order-ledger/core';
import { expect } from 'vitest';
import type { ChildStoreRecipe } from './child-store';
import { jobsFor, outcomesOf, placeOrder, raceAt, sum, unexpectedFailures } from './race-fixtures';
import type { RaceStep } from './race-protocol';
import { runRaceWorkers } from './race-workers';

/**
 * A retried checkout racing its original: in each round, the two workers of a pair run the same
 * PlaceOrder under the same command id at the same moment (a client that timed out and sent it
 * again), while every worker also places an order of its own for the same SKU. The units are too
 * few for all. The order must exist once, keep its units, and both runs must give the answer a
 * serial run gives (the second is "already handled"); nobody may get units promised to another.
 */
export async function raceRetriesWithOriginals(
  store: EventStore,
  recipe: ChildStoreRecipe,
  workers: number,
): Promise<void> {
  const sku = 'RETRIED';
  const rounds = 8;
  const pairs = Math.floor(workers / 2);
  const retried = (round: number, pair: number) => ({ orderId: `retried-${round}-${pair}`, quantity: 2 });
  const own = (round: number, worker: number) => ({
    orderId: `own-${round}-${worker}`,
    quantity: 1 + ((round + worker) % 2),
  });
  const steps: RaceStep[][] = Array.from({ length: workers }, (_, worker) =>
    Array.from({ length: rounds }, (_, round) => {
      const twin = retried(round, Math.floor(worker / 2));
      const mine = own(round, worker);
      return [
        {
          label: twin.orderId,
          command: placeOrder(twin.orderId, sku, twin.quantity),
          commandId: `checkout-${twin.orderId}`,
        },
        { label: mine.orderId, command: placeOrder(mine.orderId, sku, mine.quantity) },
      ];
    }).flat(),
  );
  const quantityOf = new Map<string, number>();
  for (let round = 0; round < rounds; round += 1) {
    for (let pair = 0; pair < pairs; pair += 1) quantityOf.set(retried(round, pair).orderId, 2);
    for (let worker = 0; worker < workers; worker += 1)
      quantityOf.set(own(round, worker).orderId, own(round, worker).quantity);
  }
  const received = Math.floor(sum([...quantityOf.values()]) * 0.7);
  const ledger = new OrderLedger(store);
  await ledger.execute({ type: 'AdjustStock', sku, at: raceAt, delta: received, reason: 'received' });

  const outcomes = await runRaceWorkers(jobsFor(recipe, steps));

  expect(unexpectedFailures(outcomes, (_, code) => code === 'OUT_OF_STOCK')).toEqual([]);
  const quantity = (orderId: string) => quantityOf.get(orderId) ?? Number.NaN;
  const placed = [...quantityOf.keys()].filter((orderId) =>
    outcomesOf(outcomes, orderId).some((outcome) => outcome.ok),
  );
  for (const orderId of quantityOf.keys()) {
    const runs = outcomesOf(outcomes, orderId);
    if (!orderId.startsWith('retried-')) continue;
    expect(runs, orderId).toHaveLength(2);
    // Serially the second run is "already handled" when the first placed the order, and refused
    // when it did not. Racing, the second may also append the same event ids and be recognised by
    // the store as a retried append: accepted, writing nothing. Either way the two agree.
    expect(new Set(runs.map((run) => run.ok)).size, `both runs of ${orderId} agree`).toBe(1);
  }
  for (const orderId of quantityOf.keys()) {
    const events = await store.readStream(orderStreamId(orderId));
    expect(
      events.filter((event) => event.type === 'OrderPlaced'),
      orderId,
    ).toHaveLength(placed.includes(orderId) ? 1 : 0);
  }

  // The winners' units, counted from the test's own numbers, are all still promised to them.
  const promised = sum(placed.map(quantity));
  expect(promised, 'units promised to placed orders').toBeLessThanOrEqual(received);
  expect(await ledger.stock(sku)).toMatchObject({
    onHand: received,
    committed: promised,
    available: received - promised,
  });
  const stockEvents = await store.readStream(stockStreamId(sku));
  if (store.capabilities.atomicMultiStreamAppend) {
    // Reservations released as abandoned belong to the reservation flow only.
    expect(stockEvents.filter((event) => event.type === 'StockReleased' && event.data.cause === 'abandoned')).toEqual(
      [],
    );
  }
  // Stock only went down here, so a checkout refused while its units were still free was refused wrongly.
  const left = received - promised;
  const refusedWhileAvailable = outcomes.filter((outcome) => !outcome.ok && quantity(outcome.label) <= left);
  expect(
    refusedWhileAvailable.map((outcome) => outcome.label),
    `${left} units left unsold`,
  ).toEqual([]);
}
