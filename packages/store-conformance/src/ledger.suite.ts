import { LedgerModel, OrderLedger } from '@order-ledger/core';
import {
  fixtureProducts,
  ledgerScenarioArbitrary,
  readEverything,
  runAgainstOracle,
  runScenario,
  shopHistoryArbitrary,
} from '@order-ledger/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreHarness } from './harness';
import { withStore } from './with-store';

/**
 * The ledger driven through the store: every store gets the same check as the in-memory one.
 * Random valid histories run through `OrderLedger` on the store must end where the plain-memory
 * reference model ends, order by order and SKU by SKU, and keep the inventory laws.
 */
export function ledgerSuite(harness: StoreHarness): void {
  const numRuns = harness.lawRuns ?? 15;
  const racers = harness.racers ?? 20;
  const lastUnits = Math.max(5, Math.floor(racers / 5));

  describe(`${harness.name}: the ledger through the store`, () => {
    it('months-long shop histories agree with the independent oracle after every command', async () => {
      await fc.assert(
        fc.asyncProperty(shopHistoryArbitrary({ minSteps: 60, maxSteps: 160 }), async (history) => {
          // Snapshots every three events: most stock loads start from one, as in a long-lived store.
          await withStore(harness, (store) => runAgainstOracle(history, store, { snapshotEvery: 3 }));
        }),
        { numRuns: harness.oracleRuns ?? 4 },
      );
    }, 300_000);

    it('random histories end where the reference model ends, and keep the inventory laws', async () => {
      await fc.assert(
        fc.asyncProperty(ledgerScenarioArbitrary({ maxSteps: 40 }), async (scenario) => {
          await withStore(harness, async (store) => {
            const { ledger } = await runScenario(scenario, store);
            const model = new LedgerModel(scenario.policy);
            for (const command of scenario.commands) model.execute(command);

            for (const orderId of model.orderIds) expect(await ledger.order(orderId)).toEqual(model.order(orderId));
            const events = (await readEverything(store)).map(({ streamId, type, data }) => ({
              streamId,
              event: { type, data },
            }));
            if (store.capabilities.atomicMultiStreamAppend) {
              expect(events).toEqual(model.log);
            } else {
              // Reserving stock before recording the order changes how streams interleave in the
              // global order, never what each stream holds.
              const byStream = <T extends { streamId: string }>(log: readonly T[]) => {
                const streams = new Map<string, T[]>();
                for (const entry of log) streams.set(entry.streamId, [...(streams.get(entry.streamId) ?? []), entry]);
                return Object.fromEntries(streams);
              };
              expect(byStream(events)).toEqual(byStream(model.log));
            }
            for (const { sku, kind } of fixtureProducts) {
              const stock = await ledger.stock(sku);
              expect(stock).toEqual(model.stock(sku));
              if (kind === 'digital') expect(stock.onHand + stock.committed).toBe(0);
              expect(stock.onHand).toBe(stock.received + stock.adjusted - stock.shippedOut + stock.returned);
            }
          });
        }),
        { numRuns },
      );
    });

    it(`${racers} checkouts race for the last ${lastUnits} units: exactly ${lastUnits} succeed, the rest are told it is out of stock`, async () => {
      await withStore(harness, async (store) => {
        const ledger = new OrderLedger(store, { maxAttempts: racers + 5 });
        await ledger.execute({
          type: 'AdjustStock',
          sku: 'CANDLE',
          at: '2026-01-01T00:00:00Z',
          delta: lastUnits,
          reason: 'received',
        });
        const attempts = await Promise.allSettled(
          Array.from({ length: racers }, (_, index) =>
            ledger.execute({
              type: 'PlaceOrder',
              orderId: `race-${index}`,
              customerId: `c${index}`,
              at: '2026-01-02T00:00:00Z',
              currency: 'EUR',
              lines: [
                {
                  lineId: 'l1',
                  sku: 'CANDLE',
                  quantity: 1,
                  unitPrice: { amount: 2400, currency: 'EUR' },
                  kind: 'physical',
                },
              ],
              delivery: { method: 'pickup' },
            }),
          ),
        );
        expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(lastUnits);
        for (const attempt of attempts) {
          if (attempt.status === 'rejected')
            expect(attempt.reason).toMatchObject({ code: 'OUT_OF_STOCK', sku: 'CANDLE' });
        }
        expect(await ledger.stock('CANDLE')).toMatchObject({ onHand: lastUnits, committed: lastUnits, available: 0 });
        const placed = (await readEverything(store)).filter((event) => event.type === 'OrderPlaced');
        expect(placed).toHaveLength(lastUnits);
      });
    });
  });
}
