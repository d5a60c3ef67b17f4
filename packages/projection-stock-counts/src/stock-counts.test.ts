import { foldProjection, InMemoryEventStore, OrderLedger } from '@order-ledger/core';
import {
  fixtureProducts,
  interleavingChoices,
  ledgerScenarioArbitrary,
  readEverything,
  reinterleave,
  replayVariants,
  runScenario,
} from '@order-ledger/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockCounts } from './stock-counts';
import { truthCheck } from './truth-check';

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00Z`;

describe('stock counts: a worked month', () => {
  it('keeps counts and the adjustment history, and checks them against a recount', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at: at(1), delta: 12, reason: 'received' });
    await ledger.execute({
      type: 'AdjustStock',
      sku: 'MUG',
      at: at(3),
      delta: -1,
      reason: 'breakage',
      note: 'dropped',
    });
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at: at(4), delta: -2, reason: 'in_person_sale' });
    await ledger.execute({
      type: 'PlaceOrder',
      orderId: 'o1',
      customerId: 'ada',
      at: at(5),
      currency: 'EUR',
      lines: [
        { lineId: 'l1', sku: 'MUG', quantity: 3, unitPrice: { amount: 1800, currency: 'EUR' }, kind: 'physical' },
      ],
      delivery: { method: 'pickup' },
    });
    await ledger.execute({ type: 'RecountStock', sku: 'MUG', at: at(10), counted: 8 });
    await ledger.execute({ type: 'RecountStock', sku: 'MUG', at: at(20), counted: 7 });
    const history = await readEverything(store);
    const { state } = foldProjection(stockCounts, history);
    // 12 in, 1 broken, 2 sold over the counter: 9; recounts found 8, then 7. Three promised to o1.
    expect(state.skus.get('MUG')).toMatchObject({
      onHand: 7,
      committed: 3,
      available: 4,
      received: 12,
      adjusted: -5,
      lastCountedAt: at(20),
    });
    expect(state.skus.get('MUG')?.adjustments.map((entry) => [entry.reason, entry.delta])).toEqual([
      ['received', 12],
      ['breakage', -1],
      ['in_person_sale', -2],
      ['recount', -1],
      ['recount', -1],
    ]);

    const check = truthCheck(state, history, { recount: { MUG: 6 }, asOf: new Date(at(25)) });
    expect(check.differences).toEqual([{ sku: 'MUG', against: 'recount', field: 'onHand', counts: 7, expected: 6 }]);
    expect(check.shrinking).toEqual([{ sku: 'MUG', missingUnits: 2 }]);
    expect(check.staleCounts).toEqual([]);
    expect(check.truthful).toBe(false);
  });

  it('lists a count that disagrees with a fresh fold of the history', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'TEA', at: at(1), delta: 5, reason: 'received' });
    const history = await readEverything(store);
    const { state } = foldProjection(stockCounts, history);
    const tampered = foldProjection(stockCounts, history).state;
    const tea = tampered.skus.get('TEA');
    if (tea !== undefined) tea.onHand = 4;
    expect(truthCheck(tampered, history, { asOf: new Date(at(2)) }).differences).toEqual([
      { sku: 'TEA', against: 'fresh-fold', field: 'onHand', counts: 4, expected: 5 },
    ]);
    expect(truthCheck(state, history, { asOf: new Date(at(2)) }).differences).toEqual([]);
  });
});

const scenarios = ledgerScenarioArbitrary();

describe('stock counts laws', () => {
  it('counts equal the stock aggregate, SKU by SKU', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store, ledger } = await runScenario(scenario);
        const { state } = foldProjection(stockCounts, await readEverything(store));
        for (const { sku } of fixtureProducts) {
          const aggregate = await ledger.stock(sku);
          const counts = state.skus.get(sku);
          expect({
            onHand: counts?.onHand ?? 0,
            committed: counts?.committed ?? 0,
            available: counts?.available ?? 0,
            received: counts?.received ?? 0,
            adjusted: counts?.adjusted ?? 0,
            shippedOut: counts?.shippedOut ?? 0,
            returned: counts?.returned ?? 0,
          }).toEqual({
            onHand: aggregate.onHand,
            committed: aggregate.committed,
            available: aggregate.available,
            received: aggregate.received,
            adjusted: aggregate.adjusted,
            shippedOut: aggregate.shippedOut,
            returned: aggregate.returned,
          });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('an event fed twice changes nothing; a rebuild equals the incremental result; interleaving does not matter', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarios,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        interleavingChoices,
        async (scenario, pick, delay, cut, choices) => {
          const events = await readEverything((await runScenario(scenario)).store);
          const { once, twice, inPieces } = await replayVariants(stockCounts, events, { pick, delay, cut });
          expect(twice).toEqual(once);
          expect(inPieces.state).toEqual(once.state);
          expect(foldProjection(stockCounts, reinterleave(events, choices)).state).toEqual(once.state);
        },
      ),
      { numRuns: 60 },
    );
  });
});
