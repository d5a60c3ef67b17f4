import fc from 'fast-check';
import { describe, it } from 'vitest';
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
      fc.asyncProperty(shopHistoryArbitrary(), async (history) => {
        await runAgainstOracle(history);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });
});
