/**
 * The read-model rows' measurements, each on a large store beside a small one (or an empty one),
 * alternating, through a `ReadModelAccess`:
 * - a report on an unchanged store, run as a user runs it (a process, start to exit), after one
 *   untimed run on the large store that may set up whatever a resumable report keeps;
 * - a checkpoint after one new event: the board kept beside the store is brought up to date after
 *   a single `Preparing` event (one StartPreparing command) and saves where it stands;
 * - a live follower's lag: from `OrderLedger.execute(PlaceOrder)` being called to the follower
 *   saying it has folded that order. Counted from the call, not from its return: the follower
 *   runs in the same process and may finish its work (folding, saving) before the command's
 *   promise settles, so "after the return" would read zero while the follower held everything up.
 *   The command's own time (about a millisecond) is in the figure.
 */
import { type EventStore, type LedgerCommand, OrderLedger } from '@order-ledger/core';
import { newOrderCommands } from '../commands/new-order-commands';
import type { ReadModelAccess } from './read-model-access';

export interface SideBySide {
  readonly ours: number[];
  readonly baseline: number[];
}

const ledgerOn = (store: EventStore) => new OrderLedger(store, { policy: { allowBackorders: true } });
const ofType = (commands: readonly LedgerCommand[], type: LedgerCommand['type']) =>
  commands.filter((command) => command.type === type);

/** Runs `step(side, index)` `repeats` times on each side, alternating which goes first; returns each side's times. */
async function alternate(
  repeats: number,
  step: (side: 'ours' | 'baseline', index: number) => Promise<number>,
): Promise<SideBySide> {
  const times: SideBySide = { ours: [], baseline: [] };
  for (let index = 0; index < repeats; index += 1) {
    const order: ('ours' | 'baseline')[] = index % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
    for (const side of order) times[side].push(await step(side, index));
  }
  return times;
}

export async function timeReportUnchanged(
  access: ReadModelAccess,
  storeUrls: { readonly ours: string; readonly baseline: string },
  repeats: number,
): Promise<SideBySide> {
  await access.report(storeUrls.ours);
  return alternate(repeats, async (side) => {
    const started = performance.now();
    await access.report(storeUrls[side]);
    return performance.now() - started;
  });
}

export async function timeCheckpointAfterOneEvent(
  access: ReadModelAccess,
  stores: { readonly ours: EventStore; readonly baseline: EventStore },
  repeats: number,
): Promise<SideBySide> {
  const commands = newOrderCommands(repeats);
  const sides = {
    ours: { ledger: ledgerOn(stores.ours), board: access.board(stores.ours) },
    baseline: { ledger: ledgerOn(stores.baseline), board: access.board(stores.baseline) },
  };
  for (const { ledger, board } of Object.values(sides)) {
    for (const command of [...ofType(commands, 'PlaceOrder'), ...ofType(commands, 'Pay')])
      await ledger.execute(command);
    await board.catchUp();
  }
  const preparing = ofType(commands, 'StartPreparing');
  return alternate(repeats, async (side, index) => {
    const { ledger, board } = sides[side];
    const command = preparing[index];
    if (command === undefined) throw new Error('no command left');
    const { events } = await ledger.execute(command);
    if (events.length !== 1) throw new Error(`expected one new event, ${command.type} wrote ${events.length}`);
    const started = performance.now();
    await board.catchUp();
    return performance.now() - started;
  });
}

/** A follower running beside a store, and a way to wait until it has a given position. */
function startFollower(access: ReadModelAccess, store: EventStore) {
  const controller = new AbortController();
  let caughtUp = { position: -1, at: 0 };
  let waiting: { readonly position: number; readonly resolve: (at: number) => void } | undefined;
  const running = access.board(store).follow(controller.signal, (position) => {
    caughtUp = { position, at: performance.now() };
    if (waiting !== undefined && position >= waiting.position) {
      waiting.resolve(caughtUp.at);
      waiting = undefined;
    }
  });
  return {
    /** When the follower first had everything up to `position`. */
    reached(position: number): Promise<number> {
      if (caughtUp.position >= position) return Promise.resolve(caughtUp.at);
      return new Promise((resolve) => {
        waiting = { position, resolve };
      });
    },
    async stop() {
      controller.abort();
      await running;
    },
  };
}

export async function timeFollowerLag(
  access: ReadModelAccess,
  stores: { readonly ours: EventStore; readonly baseline: EventStore },
  repeats: number,
): Promise<SideBySide> {
  const placing = ofType(newOrderCommands(repeats), 'PlaceOrder');
  const sides = {
    ours: { ledger: ledgerOn(stores.ours), follower: startFollower(access, stores.ours) },
    baseline: { ledger: ledgerOn(stores.baseline), follower: startFollower(access, stores.baseline) },
  };
  try {
    // The first catch-up folds the whole history: untimed.
    for (const { follower } of Object.values(sides)) await follower.reached(0);
    return await alternate(repeats, async (side, index) => {
      const { ledger, follower } = sides[side];
      const command = placing[index];
      if (command === undefined) throw new Error('no command left');
      const called = performance.now();
      const { events } = await ledger.execute(command);
      const last = Math.max(...events.map((event) => event.position));
      return (await follower.reached(last)) - called;
    });
  } finally {
    for (const { follower } of Object.values(sides)) await follower.stop();
  }
}
