import { performance } from 'node:perf_hooks';
import { eventIdFor } from '../command/command-ids';
import type { EventStore } from '../event-store/event-store';
import { streamKindOf } from '../event-store/stream-ids';
import type { StreamWrite } from '../event-store/types';
import type { LedgerCommand } from '../ledger/ledger-command';
import { OrderLedger } from '../ledger/order-ledger';
import { median } from './measure';
import { syntheticHistory } from './synthetic-history';

/** One command's writes as the ledger would hand them to the store: ids, metadata and expected revisions. */
export type HistoryAppend = readonly StreamWrite[];

export interface ExecuteFlatnessOptions {
  /** A fresh, empty store; called once per size. */
  readonly createStore: () => Promise<EventStore>;
  /** Closes the store and removes what it left. Default: `store.close()`. */
  readonly disposeStore?: (store: EventStore) => Promise<void>;
  /**
   * Writes a history into a fresh store by the fastest path the store has (a bulk insert).
   * Default: one `appendToStreams` per command, as the ledger writes them.
   */
  readonly loadHistory?: (store: EventStore, appends: readonly HistoryAppend[]) => Promise<void>;
  /** The history sizes, in orders, side by side. Default [1,000, 100,000]; the ratio is last / first. */
  readonly orders?: readonly number[];
  /** Commands timed on each store. Default 2,000. */
  readonly commands?: number;
  /** Commands run on each store before timing starts (JIT warm-up). Default 300. */
  readonly warmUp?: number;
  /** Told how far the setup got: building a history takes a while at 100,000 orders. */
  readonly progress?: (message: string) => void;
}

export interface FlatnessSide {
  readonly orders: number;
  readonly events: number;
  /** Writing the history into the store. */
  readonly loadSeconds: number;
  /** Reading every SKU's stock once after the load (where snapshots are kept, this builds them). */
  readonly firstTouchMs: number;
  readonly commands: number;
  /**
   * Commands run / the time they took together (the mean). Not the median: most commands (a
   * payment, a delivery) never read a SKU, so the median command hides the ones whose cost grows.
   */
  readonly commandsPerSecond: number;
  readonly meanMs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  /** Median time per command type, in ms: where the time goes. */
  readonly byType: Readonly<Record<string, { readonly count: number; readonly medianMs: number }>>;
}

export interface ExecuteFlatness {
  readonly sides: readonly FlatnessSide[];
  /** Rate at the largest size / rate at the smallest: 1 is flat. */
  readonly ratio: number;
}

/**
 * `OrderLedger.execute` at two (or more) store sizes, side by side in one run: each size gets a
 * store holding the synthetic history of that many orders, then the same kind of commands that
 * come next in a shop's life (new orders placed, paid, prepared, shipped or picked up, stock
 * received) run on every store in turn, command by command, each timed. Alternating the stores
 * puts the machine's noise on every side alike; the rate is commands per second of time spent
 * in them, and the ratio of the rates says whether a command's cost grows with the history.
 */
export async function measureExecuteFlatness(options: ExecuteFlatnessOptions): Promise<ExecuteFlatness> {
  const sizes = options.orders ?? [1_000, 100_000];
  const count = options.commands ?? 2_000;
  const warmUp = options.warmUp ?? 300;
  const progress = options.progress ?? (() => undefined);
  const load = options.loadHistory ?? appendOneByOne;
  const dispose = options.disposeStore ?? ((store: EventStore) => store.close());

  const sides: {
    orders: number;
    events: number;
    store: EventStore;
    ledger: OrderLedger;
    commands: readonly LedgerCommand[];
    loadSeconds: number;
    firstTouchMs: number;
    times: number[];
    byType: Map<string, number[]>;
  }[] = [];
  try {
    for (const orders of sizes) {
      progress(`building a history of ${orders.toLocaleString('en-US')} orders`);
      const { history, next, skus } = historyAndNext(orders, warmUp + count);
      const store = await options.createStore();
      const events = history.reduce((sum, append) => sum + append.reduce((n, write) => n + write.events.length, 0), 0);
      progress(`writing ${events.toLocaleString('en-US')} events`);
      const loadStarted = performance.now();
      await load(store, history);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      // The synthetic shop sells past its shelf now and then (backorders), as it was built to.
      const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
      const touchStarted = performance.now();
      for (const sku of skus) await ledger.stock(sku);
      const firstTouchMs = performance.now() - touchStarted;
      sides.push({
        orders,
        events,
        store,
        ledger,
        commands: next,
        loadSeconds,
        firstTouchMs,
        times: [],
        byType: new Map(),
      });
    }
    progress(`running ${warmUp} + ${count} commands on each store, alternating`);
    for (let index = 0; index < warmUp + count; index += 1) {
      // Alternate which store goes first, so neither always runs on a warmer cache.
      const order = index % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const command = side.commands[index] as LedgerCommand;
        const started = performance.now();
        await side.ledger.execute(command);
        const elapsed = performance.now() - started;
        if (index < warmUp) continue;
        side.times.push(elapsed);
        const byType = side.byType.get(command.type) ?? [];
        byType.push(elapsed);
        side.byType.set(command.type, byType);
      }
    }
  } finally {
    for (const side of sides) await dispose(side.store);
  }

  const results = sides.map((side): FlatnessSide => {
    const sorted = [...side.times].sort((a, b) => a - b);
    const totalMs = sorted.reduce((sum, time) => sum + time, 0);
    return {
      orders: side.orders,
      events: side.events,
      loadSeconds: side.loadSeconds,
      firstTouchMs: side.firstTouchMs,
      commands: side.times.length,
      commandsPerSecond: (sorted.length / totalMs) * 1000,
      meanMs: totalMs / sorted.length,
      medianMs: median(sorted),
      p90Ms: sorted[Math.floor(sorted.length * 0.9)] ?? Number.NaN,
      byType: Object.fromEntries(
        [...side.byType].map(([type, times]) => [type, { count: times.length, medianMs: median(times) }]),
      ),
    };
  });
  const first = results[0];
  const last = results.at(-1);
  const ratio =
    first === undefined || last === undefined ? Number.NaN : last.commandsPerSecond / first.commandsPerSecond;
  return { sides: results, ratio };
}

/**
 * The synthetic history of `orders` orders, written as the ledger writes (ids derived from a
 * command id, `metadata.commandId`, exact expected revisions), and the `next` commands after it:
 * the history is generated a little longer and cut after the last command of the last order kept.
 */
function historyAndNext(
  orders: number,
  next: number,
): { history: HistoryAppend[]; next: LedgerCommand[]; skus: string[] } {
  // About six to seven commands per order, with room to spare.
  const synthetic = syntheticHistory({ orders: orders + Math.ceil(next / 4) + 10 });
  const lastOrder = `o${orders - 1}`;
  let cut = 0;
  for (const [index, command] of synthetic.commands.entries()) {
    if ('orderId' in command && command.orderId === lastOrder) cut = index + 1;
  }
  const revisions = new Map<string, number>();
  const skus = new Set<string>();
  const history = synthetic.appends.slice(0, cut).map((append, index): HistoryAppend => {
    const commandId = `history-${index}`;
    return append.streams.map(({ streamId, events }) => {
      const before = revisions.get(streamId) ?? -1;
      revisions.set(streamId, before + events.length);
      if (streamKindOf(streamId) === 'stock') skus.add(streamId.slice('stock-'.length));
      return {
        streamId,
        expectedRevision: before === -1 ? 'no_stream' : before,
        events: events.map((event, position) => ({
          ...event,
          eventId: eventIdFor(commandId, streamId, position),
          metadata: { commandId, actor: 'history' },
        })),
      };
    });
  });
  const rest = synthetic.commands.slice(cut, cut + next);
  if (rest.length < next)
    throw new Error(`the synthetic history gave ${rest.length} commands after the cut, not ${next}`);
  return { history, next: rest, skus: [...skus].sort() };
}

async function appendOneByOne(store: EventStore, appends: readonly HistoryAppend[]): Promise<void> {
  for (const writes of appends) {
    const [only] = writes;
    if (writes.length === 1 && only !== undefined) {
      await store.appendToStream(only.streamId, only.events, { expectedRevision: only.expectedRevision });
    } else {
      await store.appendToStreams(writes);
    }
  }
}

/** A history's rows as a store writes them (data and metadata as JSON): for a bench's bulk loader. */
export interface HistoryRow {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export function* historyRows(appends: readonly HistoryAppend[]): Generator<HistoryRow> {
  for (const writes of appends) {
    for (const write of writes) {
      let revision = write.expectedRevision === 'no_stream' ? 0 : Number(write.expectedRevision) + 1;
      for (const event of write.events) {
        yield {
          streamId: write.streamId,
          revision,
          eventId: event.eventId,
          type: event.type,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(event.metadata ?? {}),
        };
        revision += 1;
      }
    }
  }
}

/** The result as markdown rows: one per size, then the ratio, then how long the setup took. */
export function formatExecuteFlatness(name: string, result: ExecuteFlatness): string {
  const fmt = (value: number, digits = 0) =>
    value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const types = [...new Set(result.sides.flatMap((side) => Object.keys(side.byType)))].sort();
  const header = `| ${name}: orders in the store | events | commands/s | mean ms | median ms | p90 ms | ${types.map((type) => `${type} ms`).join(' | ')} |`;
  const rule = `| ---: | ---: | ---: | ---: | ---: | ---: | ${types.map(() => '---:').join(' | ')} |`;
  const rows = result.sides.map(
    (side) =>
      `| ${fmt(side.orders)} | ${fmt(side.events)} | ${fmt(side.commandsPerSecond)} | ${fmt(side.meanMs, 2)} | ${fmt(side.medianMs, 2)} | ${fmt(side.p90Ms, 2)} | ${types
        .map((type) => fmt(side.byType[type]?.medianMs ?? Number.NaN, 2))
        .join(' | ')} |`,
  );
  const setup = result.sides.map(
    (side) =>
      `${fmt(side.orders)} orders: history written in ${side.loadSeconds.toFixed(1)} s; ` +
      `first read of every SKU ${side.firstTouchMs.toFixed(0)} ms`,
  );
  return [header, rule, ...rows, '', `ratio (largest / smallest): **${result.ratio.toFixed(2)}×**`, '', ...setup].join(
    '\n',
  );
}
