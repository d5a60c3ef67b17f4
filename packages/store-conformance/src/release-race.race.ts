import { type EventStore, type LedgerCommand, OrderLedger, seededRandom } from '@order-ledger/core';
import { expect } from 'vitest';
import type { ChildStoreRecipe } from './child-store';
import {
  endedBefore,
  jobsFor,
  outcomesOf,
  placeOrder,
  raceAt,
  sum,
  unexpectedFailures,
  unitPrice,
} from './race-fixtures';
import type { RaceOutcome, RaceStep } from './race-protocol';
import { runRaceWorkers } from './race-workers';

/**
 * Cancels and refunds racing new orders and pickups. Every existing order is for 2 units, paid,
 * for pickup. Releasers cancel some orders and refund one unit (restock `cancel`) of others;
 * pickers hand over those same refunded orders, and some of their own; buyers check out new
 * orders for whatever is free. Serially, a refund after its order's pickup is refused
 * (RESTOCK_UNITS_ALREADY_FULFILLED) and everything else but an out-of-stock checkout is accepted;
 * the race must give answers one serial order would, and end with stock the test counts itself.
 */
export async function raceReleasesWithCheckouts(
  store: EventStore,
  recipe: ChildStoreRecipe,
  workers: number,
): Promise<void> {
  const sku = 'RELEASED';
  const releasers = Math.max(2, Math.floor(workers / 4));
  const pickers = releasers;
  const buyers = Math.max(2, workers - releasers - pickers);
  const ledger = new OrderLedger(store);

  // Before the race: 2 units per existing order, plus 2 free, all promised but those 2.
  const cancelled = (releaser: number, index: number) => `cancel-${releaser}-${index}`;
  const contested = (releaser: number, index: number) => `contested-${releaser}-${index}`;
  const pickedOnly = (picker: number, index: number) => `pickup-${picker}-${index}`;
  const standing = ['standing-0', 'standing-1'];
  const existing = [
    ...Array.from({ length: releasers }, (_, r) => [0, 1, 2].flatMap((i) => [cancelled(r, i), contested(r, i)])).flat(),
    ...Array.from({ length: pickers }, (_, p) => [0, 1, 2].map((i) => pickedOnly(p, i))).flat(),
    ...standing,
  ];
  const freeAtStart = 2;
  const received = 2 * existing.length + freeAtStart;
  await ledger.execute({ type: 'AdjustStock', sku, at: raceAt, delta: received, reason: 'received' });
  for (const orderId of existing) {
    await ledger.execute(placeOrder(orderId, sku, 2));
    const amount = { amount: 2 * unitPrice, currency: 'EUR' };
    await ledger.execute({ type: 'Pay', orderId, at: raceAt, paymentId: `pay-${orderId}`, amount, method: 'card' });
  }

  const step = (label: string, command: LedgerCommand): RaceStep => ({ label, command });
  const cancel = (orderId: string) =>
    step(`cancel ${orderId}`, { type: 'CancelOrder', orderId, at: raceAt, reason: 'customer' });
  const refund = (orderId: string) =>
    step(`refund ${orderId}`, {
      type: 'RefundOrder',
      orderId,
      at: raceAt,
      refundId: `refund-${orderId}`,
      reason: 'changed_mind',
      lines: [{ lineId: 'l1', quantity: 1, restock: 'cancel' }],
    });
  const pickup = (orderId: string) => step(`pickup ${orderId}`, { type: 'MarkPickedUp', orderId, at: raceAt });
  const random = seededRandom(workers + 1);
  const bought = new Map<string, number>();
  const buy = (orderId: string) => {
    const quantity = 1 + Math.floor(random() * 2);
    bought.set(`buy ${orderId}`, quantity);
    return step(`buy ${orderId}`, placeOrder(orderId, sku, quantity));
  };
  // A picker's contested pickup sits at the same place in its list as the releaser's refund of it,
  // the first of each list among them, so that the two leave the barrier together.
  const steps: RaceStep[][] = [
    ...Array.from({ length: releasers }, (_, r) =>
      [0, 1, 2].flatMap((i) => [refund(contested(r, i)), cancel(cancelled(r, i))]),
    ),
    ...Array.from({ length: pickers }, (_, p) =>
      [0, 1, 2].flatMap((i) => [pickup(contested(p % releasers, i)), pickup(pickedOnly(p, i))]),
    ),
    ...Array.from({ length: buyers }, (_, b) => Array.from({ length: 4 }, (_, i) => buy(`new-${b}-${i}`))),
  ];

  const outcomes = await runRaceWorkers(jobsFor(recipe, steps));

  const refundsOfContested = new Set(
    steps
      .flat()
      .filter((s) => s.command.type === 'RefundOrder')
      .map((s) => s.label),
  );
  expect(
    unexpectedFailures(
      outcomes,
      (label, code) =>
        (bought.has(label) && code === 'OUT_OF_STOCK') ||
        (refundsOfContested.has(label) && code === 'RESTOCK_UNITS_ALREADY_FULFILLED'),
    ),
  ).toEqual([]);

  // The tally, from the test's own numbers: a refund that succeeded came before its pickup.
  const succeeded = (label: string) => outcomesOf(outcomes, label).some((outcome) => outcome.ok);
  const contestedIds = existing.filter((orderId) => orderId.startsWith('contested-'));
  const pickedUp =
    sum(existing.filter((orderId) => orderId.startsWith('pickup-')).map(() => 2)) +
    sum(contestedIds.map((orderId) => (succeeded(`refund ${orderId}`) ? 1 : 2)));
  const boughtUnits = sum([...bought].filter(([label]) => succeeded(label)).map(([, quantity]) => quantity));
  const onHand = received - pickedUp;
  const committed = 2 * standing.length + boughtUnits;
  expect(await ledger.stock(sku)).toMatchObject({ onHand, committed, available: onHand - committed });
  for (const orderId of contestedIds) {
    const refunded = succeeded(`refund ${orderId}`) ? 1 : 0;
    const order = await ledger.order(orderId);
    expect(order.status, orderId).toBe('done');
    expect(order.lines[0], orderId).toMatchObject({ fulfilled: 2 - refunded, cancelled: refunded });
  }

  // An out-of-stock refusal is right only if its units were gone when it was decided. Before that
  // moment at least what is free now was free, less what releases that may have come later freed.
  const freedBy = (outcome: RaceOutcome) =>
    !outcome.ok ? 0 : outcome.label.startsWith('cancel ') ? 2 : outcome.label.startsWith('refund ') ? 1 : 0;
  const wronglyRefused = outcomes.filter((refusal) => {
    if (refusal.ok || refusal.code !== 'OUT_OF_STOCK') return false;
    const freedLater = sum(outcomes.filter((other) => !endedBefore(other, refusal)).map(freedBy));
    return onHand - committed - freedLater >= (bought.get(refusal.label) ?? Number.NaN);
  });
  expect(wronglyRefused.map((refusal) => refusal.label)).toEqual([]);
}
