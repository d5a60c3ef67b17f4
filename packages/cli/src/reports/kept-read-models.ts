import {
  CheckpointConflictError,
  type EventStore,
  type KeptReadModel,
  type Projection,
  ProjectionRunner,
} from '@order-ledger/core';
import { followUps } from '@order-ledger/follow-ups';
import { bestCustomers } from '@order-ledger/projection-best-customers';
import { customerTimeline } from '@order-ledger/projection-customer-timeline';
import { loadOpenBoard, ordersBoard } from '@order-ledger/projection-orders-board';
import { stockCounts } from '@order-ledger/projection-stock-counts';
import { type LedgerClockState, latestMoment, ledgerClock } from './ledger-clock';
import type { ReadModels } from './read-models';

/** What a report reads: each read model it needs, and how much of it. */
export interface ReadModelNeeds {
  /** `open`: orders in flight or with money pending (the board); `all`: every order (the sweep). */
  readonly board?: 'open' | 'all';
  readonly stock?: boolean;
  /** The one customer whose timeline is read. */
  readonly timeline?: string;
  readonly best?: boolean;
  readonly followUps?: boolean;
}

export interface KeptModels {
  readonly models: ReadModels;
  /** New events since the read models were last saved: what bringing them up to the head folded. */
  readonly eventsFolded: number;
  /** The latest business time in the history, if it has any event. */
  readonly latest: string | undefined;
}

/**
 * Brings a kept read model up to the head of the store (folding only what is new, saving the rows
 * that changed) and returns its rows. Another process saving the same read model meanwhile makes
 * the save fail; the catch-up then starts again from what that process saved.
 */
async function caughtUp<State>(
  store: EventStore,
  projection: Projection<State>,
): Promise<{ kept: KeptReadModel<State>; folded: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const runner = new ProjectionRunner(store, projection);
    try {
      await runner.catchUp();
      const kept = runner.kept;
      if (kept === undefined) throw new Error(`${projection.name} is not kept in this store's tables`);
      return { kept, folded: runner.eventsRead };
    } catch (error) {
      if (!(error instanceof CheckpointConflictError) || attempt >= 5) throw error;
    }
  }
}

/**
 * The read models a report needs, from the store's tables: each is caught up first (on an
 * unchanged store that folds nothing) and only the rows the report reads are loaded.
 */
export async function keptReadModels(store: EventStore, needs: ReadModelNeeds): Promise<KeptModels> {
  let eventsFolded = 0;
  const needed = async <State>(projection: Projection<State>): Promise<KeptReadModel<State>> => {
    const { kept, folded } = await caughtUp(store, projection);
    eventsFolded = Math.max(eventsFolded, folded);
    return kept;
  };
  const clock: LedgerClockState = await (await needed(ledgerClock)).loadState();
  const models: ReadModels = {
    board:
      needs.board === undefined
        ? ordersBoard.initialState()
        : needs.board === 'open'
          ? await loadOpenBoard(await needed(ordersBoard))
          : await (await needed(ordersBoard)).loadState(),
    stock: needs.stock === true ? await (await needed(stockCounts)).loadState() : stockCounts.initialState(),
    timeline:
      needs.timeline === undefined
        ? customerTimeline().initialState()
        : await (await needed(customerTimeline())).loadPartial({
            // As typed, and lowercased: imports lowercase email addresses.
            customers: { keys: [needs.timeline, needs.timeline.toLowerCase()] },
          }),
    best: needs.best === true ? await (await needed(bestCustomers)).loadState() : bestCustomers.initialState(),
    followUps: needs.followUps === true ? await (await needed(followUps)).loadState() : followUps.initialState(),
  };
  return { models, eventsFolded, latest: latestMoment(clock) };
}
