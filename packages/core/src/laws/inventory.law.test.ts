import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openUnits } from '../order/order-state';
import { fixtureProducts } from '../testing/catalogue-fixture';
import { ledgerScenarioArbitrary } from '../testing/ledger-arbitraries';
import { readEverything, runScenario } from '../testing/run-scenario';

/**
 * Refunds and cancellations always true up inventory. Each law is checked against the order
 * side of the history, not only the stock fold, so a stock movement the bridge forgets (or
 * makes twice) shows as a difference between what orders say and what the shelf says.
 */

const runs = { numRuns: 120 };
const scenarios = ledgerScenarioArbitrary();
const physicalSkus = fixtureProducts.filter((product) => product.kind === 'physical').map((product) => product.sku);
const digitalSkus = new Set(
  fixtureProducts.filter((product) => product.kind === 'digital').map((product) => product.sku),
);

describe('inventory laws', () => {
  it('on hand = received + adjustments − shipped out + returned resellable, per SKU, from the order side', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store, ledger } = await runScenario(scenario);
        const events = await readEverything(store);
        const orderIds = new Set(events.filter((event) => event.type === 'OrderPlaced').map((e) => e.data.orderId));
        for (const sku of physicalSkus) {
          let receivedAndAdjusted = 0;
          for (const event of events) {
            if (event.type === 'StockAdjusted' && event.data.sku === sku) receivedAndAdjusted += event.data.delta;
          }
          let shippedOut = 0;
          let returnedResellable = 0;
          for (const orderId of orderIds) {
            for (const line of (await ledger.order(orderId)).lines) {
              if (line.sku !== sku || line.kind !== 'physical') continue;
              shippedOut += line.fulfilled + line.replaced;
              returnedResellable += line.returnedResellable;
            }
          }
          const stock = await ledger.stock(sku);
          expect(stock.onHand).toBe(receivedAndAdjusted - shippedOut + returnedResellable);
        }
      }),
      runs,
    );
  });

  it('committed = the open unfulfilled physical units of open orders, and never negative', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { ledger, steps } = await runScenario(scenario);
        const orderIds = new Set(steps.flatMap((step) => ('orderId' in step.command ? [step.command.orderId] : [])));
        const open = new Map<string, number>();
        for (const orderId of orderIds) {
          const order = await ledger.order(orderId);
          if (order.status === 'cancelled') continue;
          for (const line of order.lines) {
            if (line.kind === 'physical') open.set(line.sku, (open.get(line.sku) ?? 0) + openUnits(line));
          }
        }
        for (const sku of physicalSkus) {
          const stock = await ledger.stock(sku);
          expect(stock.committed).toBe(open.get(sku) ?? 0);
          expect(stock.committed).toBeGreaterThanOrEqual(0);
          expect(stock.available).toBe(stock.onHand - stock.committed);
        }
      }),
      runs,
    );
  });

  it('placing an order and cancelling it leaves every count as it was', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarios,
        fc.subarray(physicalSkus, { minLength: 1 }),
        fc.integer({ min: 1, max: 3 }),
        async (scenario, skus, quantity) => {
          const { ledger } = await runScenario(scenario);
          // Make room so the placement is accepted whatever the scenario left on the shelf.
          for (const sku of skus) {
            await ledger.execute({
              type: 'AdjustStock',
              sku,
              at: '2027-01-01T00:00:00Z',
              delta: 10,
              reason: 'received',
            });
          }
          const before = await Promise.all(physicalSkus.map((sku) => ledger.stock(sku)));
          await ledger.execute({
            type: 'PlaceOrder',
            orderId: 'round-trip',
            customerId: 'ada',
            at: '2027-01-02T00:00:00Z',
            currency: 'EUR',
            lines: skus.map((sku, index) => ({
              lineId: `l${index}`,
              sku,
              quantity,
              unitPrice: { amount: 1000, currency: 'EUR' },
              kind: 'physical' as const,
            })),
            delivery: { method: 'pickup' },
          });
          await ledger.execute({
            type: 'CancelOrder',
            orderId: 'round-trip',
            at: '2027-01-03T00:00:00Z',
            reason: 'customer',
          });
          const after = await Promise.all(physicalSkus.map((sku) => ledger.stock(sku)));
          const counts = (states: typeof before) =>
            states.map(({ onHand, committed, available }) => ({ onHand, committed, available }));
          expect(counts(after)).toEqual(counts(before));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a refund with restock none never moves stock', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { steps } = await runScenario(scenario);
        for (const { command, events } of steps) {
          const moneyOnly =
            command.type === 'RefundAmount' ||
            (command.type === 'RefundOrder' && (command.lines ?? []).every((line) => line.restock === 'none'));
          if (!moneyOnly) continue;
          expect(events.filter((event) => event.streamId.startsWith('stock-'))).toEqual([]);
        }
      }),
      runs,
    );
  });

  it('a damaged return never comes back to on hand or available', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { steps } = await runScenario(scenario);
        for (const { command, events } of steps) {
          if (command.type !== 'ReceiveReturn') continue;
          const damaged = command.lines.filter((line) => line.condition === 'damaged');
          const returned = events.filter((event) => event.type === 'StockReturned');
          const resellableUnits = command.lines
            .filter((line) => line.condition === 'resellable')
            .reduce((acc, line) => acc + line.quantity, 0);
          const restocked = returned.reduce(
            (acc, event) => acc + (event.type === 'StockReturned' ? event.data.quantity : 0),
            0,
          );
          if (damaged.length > 0) expect(restocked).toBe(resellableUnits);
        }
      }),
      runs,
    );
  });

  it('digital lines never move stock', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { store } = await runScenario(scenario);
        const events = await readEverything(store);
        const touched = events.filter((event) => 'sku' in event.data && digitalSkus.has(String(event.data.sku)));
        expect(touched).toEqual([]);
      }),
      runs,
    );
  });
  // The race for the last units is in the store conformance suite, which every store runs.
});
