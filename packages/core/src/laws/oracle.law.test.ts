import fc from 'fast-check';
import { describe, it } from 'vitest';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import { runAgainstOracle } from '../testing/oracle/run-against-oracle';
import { shopHistoryArbitrary } from '../testing/oracle/shop-history-arbitrary';

/**
 * The ledger against an oracle written separately from the rules in docs/: every command of a
 * months-long shop history is accepted or refused alike, and after each one the order's money
 * and units and every SKU's stock agree.
 */
describe('the ledger agrees with the independent oracle', () => {
  it('on random shop histories of weeks to months, in memory', async () => {
    await fc.assert(
      // Snapshots every few events: most stock loads start from a snapshot, as in a long-lived store.
      fc.asyncProperty(shopHistoryArbitrary(), fc.integer({ min: 1, max: 8 }), async (history, snapshotEvery) => {
        await runAgainstOracle(history, new InMemoryEventStore(), { snapshotEvery });
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });
});
