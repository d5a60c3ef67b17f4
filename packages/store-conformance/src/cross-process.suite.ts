import { describe, it } from 'vitest';
import type { StoreHarness } from './harness';
import { raceForLastUnits } from './last-units.race';
import { raceReleasesWithCheckouts } from './release-race.race';
import { raceRetriesWithOriginals } from './retry-race.race';
import { withStore } from './with-store';

/** Generous: a race starts a Node process per worker, on a machine that may be busy. */
const raceTimeoutMs = 120_000;

/**
 * The ledger raced by worker processes, each with its own store instance opened on the same
 * store (`harness.openInChild`), all released at once by a barrier. Every assertion is counted
 * from the test's own numbers (units received, quantities asked), never by the deciders.
 */
export function crossProcessSuite(harness: StoreHarness): void {
  const { openInChild } = harness;
  const workers = harness.raceWorkers ?? 8;

  describe(`${harness.name}: the ledger raced by ${workers} processes`, () => {
    if (openInChild === undefined) {
      it.skip('needs harness.openInChild: how a child process opens the same store', () => undefined);
      return;
    }
    it(
      'checkouts for the last units: every one that can be served is, and stock matches the winners',
      () => withStore(harness, (store) => raceForLastUnits(store, openInChild(store), workers)),
      raceTimeoutMs,
    );
    it(
      'a retried checkout racing its original: placed once, its units kept, none promised twice',
      () => withStore(harness, (store) => raceRetriesWithOriginals(store, openInChild(store), workers)),
      raceTimeoutMs,
    );
    it(
      'cancels and refunds racing checkouts and pickups: no valid command refused, stock matches the tally',
      () => withStore(harness, (store) => raceReleasesWithCheckouts(store, openInChild(store), workers)),
      raceTimeoutMs,
    );
  });
}
