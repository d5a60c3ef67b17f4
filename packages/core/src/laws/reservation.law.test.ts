import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import { OrderLedger } from '../ledger/order-ledger';
import { findLedgerGaps, reconcileLedger } from '../ledger/reconcile-ledger';
import { OrderRefusedError } from '../order/order-errors';
import { openUnits } from '../order/order-state';
import { StockRefusedError } from '../stock/stock-errors';
import { fixtureProducts } from '../testing/catalogue-fixture';
import { type LedgerScenario, ledgerScenarioArbitrary } from '../testing/ledger-arbitraries';
import { readEverything } from '../testing/run-scenario';

/**
 * On a store without atomic multi-stream appends (EventStoreDB), the writer may die between any
 * two appends of a command. Whatever it left, once `reconcileLedger` has run the stock tells the
 * truth again: committed units are exactly the open units of recorded open orders, on hand is
 * what the orders say left and came back, and nothing is left to reconcile.
 */

const physicalSkus = fixtureProducts.filter((product) => product.kind === 'physical').map((product) => product.sku);
const afterEverything = new Date('2100-01-01T00:00:00Z');

/**
 * Where the writer dies: a dry run counts the scenario's appends and notes which are not a
 * command's first (dying there leaves a command half-written); most picks land on one of those.
 */
async function chooseWhereToDie(scenario: LedgerScenario, pick: number): Promise<number> {
  let appends = 0;
  let firstOfCommand = true;
  const halfWay: number[] = [];
  const store = new InMemoryEventStore({
    atomicMultiStreamAppend: false,
    beforeAppend: () => {
      appends += 1;
      if (!firstOfCommand) halfWay.push(appends);
      firstOfCommand = false;
    },
  });
  const ledger = new OrderLedger(store, { policy: scenario.policy });
  for (const [index, command] of scenario.commands.entries()) {
    firstOfCommand = true;
    await ledger.execute(command, { commandId: `cmd-${index}` });
  }
  const candidates = halfWay.length > 0 && pick % 4 !== 0 ? halfWay : Array.from({ length: appends }, (_, i) => i + 1);
  return candidates[pick % candidates.length] ?? 1;
}

describe('the reservation flow survives a writer dying anywhere', () => {
  it('after reconcile, committed = open units of recorded open orders, and on hand balances, wherever the writer died', async () => {
    // How many runs the writer really died in, and how many left something to reconcile: a law
    // that never met a crash would prove nothing.
    let died = 0;
    let leftGaps = 0;
    await fc.assert(
      fc.asyncProperty(
        ledgerScenarioArbitrary({ maxSteps: 30 }),
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        async (scenario, pick, retryTheCommand, snapshotEvery) => {
          const dieAtAppend = await chooseWhereToDie(scenario, pick);
          let appends = 0;
          let dead = false;
          const store = new InMemoryEventStore({
            atomicMultiStreamAppend: false,
            beforeAppend: () => {
              appends += 1;
              if (appends === dieAtAppend) dead = true;
              if (dead) throw new Error('the process died here');
            },
          });
          // Snapshots every few events: leftovers and retries are found by id, not by reading the stream.
          const ledger = new OrderLedger(store, { policy: scenario.policy, snapshotEvery });
          for (const [index, command] of scenario.commands.entries()) {
            try {
              await ledger.execute(command, { commandId: `cmd-${index}` });
            } catch (error) {
              // A command that depended on the one that died may now be refused: that is fine.
              if (error instanceof OrderRefusedError || error instanceof StockRefusedError) continue;
              if (!dead) throw error;
              died += 1;
              dead = false; // a new process takes over
              if (retryTheCommand) {
                try {
                  await ledger.execute(command, { commandId: `cmd-${index}` });
                } catch (again) {
                  if (!(again instanceof OrderRefusedError || again instanceof StockRefusedError)) throw again;
                }
              }
            }
          }
          const gaps = await reconcileLedger(store, { asOf: afterEverything, policy: scenario.policy });
          if (gaps.orphanedReservations.length + gaps.missingStockMovements.length > 0) leftGaps += 1;
          expect(await findLedgerGaps(store, { asOf: afterEverything })).toEqual({
            orphanedReservations: [],
            missingStockMovements: [],
          });

          const events = await readEverything(store);
          const orderIds = new Set(events.filter((event) => event.type === 'OrderPlaced').map((e) => e.data.orderId));
          for (const sku of physicalSkus) {
            let open = 0;
            let shippedOut = 0;
            let returned = 0;
            for (const orderId of orderIds) {
              const order = await ledger.order(orderId);
              for (const line of order.lines) {
                if (line.sku !== sku || line.kind !== 'physical') continue;
                if (order.status !== 'cancelled') open += openUnits(line);
                shippedOut += line.fulfilled + line.replaced;
                returned += line.returnedResellable;
              }
            }
            let adjusted = 0;
            for (const event of events) {
              if (event.type === 'StockAdjusted' && event.data.sku === sku) adjusted += event.data.delta;
            }
            const stock = await ledger.stock(sku);
            expect(stock.committed).toBe(open);
            expect(stock.onHand).toBe(adjusted - shippedOut + returned);
          }
        },
      ),
      { numRuns: 100 },
    );
    expect(died).toBeGreaterThan(80);
    expect(leftGaps).toBeGreaterThan(20);
  });
});
