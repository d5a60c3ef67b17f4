import { KeptCollection, type Projection } from '@order-ledger/core';

export interface LedgerClockState {
  /** One row, `latest`: the latest business time of any event. */
  readonly moments: KeptCollection<string>;
}

const latestKey = 'latest';

/**
 * The latest business time in the history, kept like any read model: "now" for a report without
 * `--as-of`, known without reading the history (events may be recorded out of business-time
 * order, so it is the latest, not the last).
 */
export const ledgerClock: Projection<LedgerClockState> = {
  name: 'ledger-clock',
  version: 1,
  initialState: () => ({ moments: new KeptCollection<string>() }),
  evolve: (state, event) => {
    const at = (event.data as { at?: unknown }).at;
    if (typeof at !== 'string') return state;
    const latest = state.moments.get(latestKey);
    if (latest === undefined || Date.parse(at) > Date.parse(latest)) state.moments.set(latestKey, at);
    return state;
  },
};

export function latestMoment(state: LedgerClockState): string | undefined {
  return state.moments.get(latestKey);
}
