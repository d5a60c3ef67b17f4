import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import type { OrderEvent } from '../catalogue/order-events';
import type { StockEvent } from '../catalogue/stock-events';
import { eventsOfCommandIn } from '../command/command-events';
import { CommandIdReusedError, commandFingerprint } from '../command/command-fingerprint';
import { eventIdFor, eventsOfCommand, newCommandId } from '../command/command-ids';
import type { HandleCommandOptions } from '../command/handle-command';
import { retryOnConflict } from '../command/retry-on-conflict';
import { NO_STREAM_REVISION } from '../event-store/append-checks';
import { ConcurrencyError, StreamRevisionMismatchError } from '../event-store/errors';
import type { EventStore } from '../event-store/event-store';
import { type FoldedStream, foldRecorded } from '../event-store/fold-stream';
import { loadSnapshotted } from '../event-store/snapshotted-fold';
import { orderStreamId, stockStreamId, streamKindOf } from '../event-store/stream-ids';
import type { EventMetadata, ExpectedRevision, RecordedEvent, StreamRevision, StreamWrite } from '../event-store/types';
import { evolveOrder } from '../order/evolve-order';
import { initialOrderState, type OrderState } from '../order/order-state';
import { evolveStock } from '../stock/evolve-stock';
import type { StockCommand } from '../stock/stock-commands';
import { OutOfStockError, StockRefusedError } from '../stock/stock-errors';
import { stockSnapshotFold } from '../stock/stock-fold';
import { initialStockState, type StockState } from '../stock/stock-state';
import { decideStockMovements, planLedgerCommand } from './decide-ledger-command';
import { isStockCommand, type LedgerCommand, type LedgerPolicy, ledgerPolicy } from './ledger-command';
import { parseLedgerCommand } from './ledger-command-schema';
import { completeFollowThrough } from './reconcile-ledger';
import {
  CommandIncompleteError,
  compensatedIds,
  openReservationsOf,
  releaseReservations,
  reserveThenRecord,
} from './reserve-then-record';

type StockCommitted = Extract<StockEvent, { type: 'StockCommitted' }>;

/**
 * A stream as a command read it: folded, and the events this command id wrote there before (a
 * retry, or an id reused). An order stream is read whole (`events`): it lives as long as its order.
 * A SKU stream grows with every order of its product, so it is loaded from its snapshot where the
 * store keeps them, and the command's own events there are looked up by id.
 */
interface ReadStream<State> {
  readonly streamId: string;
  readonly folded: FoldedStream<State>;
  readonly mine: readonly RecordedEvent[];
  /** Every event of the stream: order streams only. */
  readonly events?: readonly RecordedEvent[];
}

/** A SKU stream as a command read it: folded (leftovers set aside), and this command's earlier events there. */
interface LoadedStock {
  readonly folded: FoldedStream<StockState>;
  /** How many events this command id left there before: new ids continue after them. */
  readonly earlier: number;
  /** This command id's open reservations whose order does not mention it (reservation flow only). */
  readonly leftovers: readonly RecordedEvent<StockCommitted>[];
}

/**
 * A command id that already wrote to a stream the command reads is a retry only if it carries the
 * same command. Checked on every stream read (the order and each SKU), so an id reused for another
 * order that shares a SKU is refused, not half taken as a retry. Events written before
 * fingerprints existed carry none and count as the same command.
 */
function assertSameCommand(
  events: readonly RecordedEvent[],
  commandId: string,
  fingerprint: string,
  type: string,
): void {
  for (const event of events) {
    if (event.metadata.commandId !== commandId) continue;
    const recorded = event.metadata.commandFingerprint;
    if (recorded !== undefined && recorded !== fingerprint) throw new CommandIdReusedError(commandId, type);
  }
}

export interface OrderLedgerOptions {
  /** The store's rules; anything not given takes its default. */
  readonly policy?: Partial<LedgerPolicy>;
  /** Tries per command when another writer gets there first, with jittered backoff between them. Default 20. */
  readonly maxAttempts?: number;
  /**
   * Where the store keeps snapshots: a SKU's stock is snapshotted again once a load folds this many
   * events past its snapshot, so no load folds many more. Default 32.
   */
  readonly snapshotEvery?: number;
}

/** How one command is run: its id, its metadata, and the revision its caller last saw. */
export interface ExecuteOptions extends Omit<HandleCommandOptions, 'maxAttempts'> {
  /**
   * The revision the caller saw of the command's own stream (the order's; the SKU's for a stock
   * command), `'no_stream'` for one not yet written: when the stream has moved on, the command is
   * refused with `StreamRevisionMismatchError` and nothing is written (an HTTP `If-Match`). The
   * append expects the revision read, so a writer in between is caught too; a retry of a command
   * that already ran answers `alreadyHandled` whatever the revision now.
   */
  readonly expectedRevision?: StreamRevision | 'no_stream';
}

export interface LedgerResult {
  /** Every event the command wrote, across the order and stock streams, in stream order. */
  readonly events: readonly RecordedEvent[];
  /** True when this command id ran before: nothing new was written. */
  readonly alreadyHandled: boolean;
}

/** The caller's view of the stream is stale: refused, not retried (a retry would decide on what they never saw). */
function assertRevisionSeen(streamId: string, expected: StreamRevision | 'no_stream', revision: number): void {
  const actual = revision === NO_STREAM_REVISION ? 'no_stream' : revision;
  if (expected !== actual) throw new StreamRevisionMismatchError(streamId, expected, actual);
}

const orderFold = { initialState: initialOrderState, evolve: evolveOrder };

/** Few enough events that folding them costs about what one round trip does; enough that saves are rare. */
const defaultSnapshotEvery = 32;

function expectedRevisionOf(folded: Pick<FoldedStream<unknown>, 'revision'>): ExpectedRevision {
  return folded.revision === NO_STREAM_REVISION ? 'no_stream' : folded.revision;
}

/**
 * The ledger on a store: runs order and stock commands so that an order and the stock of its
 * SKUs never disagree. Each command reads the order stream and every SKU stream it touches,
 * decides, and appends to all of them in one atomic multi-stream append that expects each
 * stream's revision as read. Two checkouts racing for the last unit: one wins, the other is
 * retried on fresh state and refused with `OutOfStockError`.
 *
 * On a store without an atomic multi-stream append (EventStoreDB) the same decision is written
 * by the reservation flow instead (`reserveThenRecord`): stock reserved first, the order second,
 * everything else after, with compensation on failure and `reconcileLedger` for a process that
 * died half-way.
 */
export class OrderLedger {
  readonly store: EventStore;
  readonly policy: LedgerPolicy;
  readonly #maxAttempts: number | undefined;
  readonly #snapshotEvery: number;

  constructor(store: EventStore, options: OrderLedgerOptions = {}) {
    this.store = store;
    this.policy = ledgerPolicy(options.policy);
    this.#maxAttempts = options.maxAttempts;
    const every = options.snapshotEvery ?? defaultSnapshotEvery;
    if (!Number.isInteger(every) || every < 1) throw new RangeError('snapshotEvery must be a whole number ≥ 1');
    this.#snapshotEvery = every;
  }

  async order(orderId: string): Promise<OrderState> {
    const streamId = orderStreamId(orderId);
    return foldRecorded(orderFold, (await this.store.readStream(streamId)) as RecordedEvent<OrderEvent>[]).state;
  }

  async stock(sku: string): Promise<StockState> {
    return (await this.#loadStockState(stockStreamId(sku))).state;
  }

  /** Decides and records `command`. Throws the decider's refusal; then nothing was written. */
  async execute(input: LedgerCommand, options: ExecuteOptions = {}): Promise<LedgerResult> {
    // Decide and store the checked copy, never the caller's object.
    const command = parseLedgerCommand(input);
    const commandId = options.commandId ?? newCommandId();
    const fingerprint = commandFingerprint(command);
    const metadata = { ...options.metadata, commandId, commandFingerprint: fingerprint };
    const attempt = async (): Promise<LedgerResult> => {
      // The stream the command is about: where a retried command finds its earlier events.
      const home = isStockCommand(command)
        ? await this.#readStock(command.sku, commandId)
        : await this.#readOrder(command.orderId, commandId);
      if (home.mine.length > 0) {
        assertSameCommand(home.mine, commandId, fingerprint, command.type);
        await this.#completeEarlierRun(command, commandId, home);
        return { events: await this.#eventsOf(commandId, home), alreadyHandled: true };
      }
      if (options.expectedRevision !== undefined) {
        assertRevisionSeen(home.streamId, options.expectedRevision, home.folded.revision);
      }

      const order = isStockCommand(command) ? undefined : (home as ReadStream<OrderState>).folded;
      const atomic = this.store.capabilities.atomicMultiStreamAppend;
      const decideWith = async (policy: LedgerPolicy) => {
        const planned = planLedgerCommand(command, order?.state, policy);
        const loaded = await this.#loadStock(planned.movements, commandId, home, atomic, fingerprint, command.type);
        return {
          plan: planned,
          stock: loaded,
          decided: await this.#decideOnOneSnapshot(planned.movements, loaded, home),
        };
      };
      let outcome: Awaited<ReturnType<typeof decideWith>>;
      try {
        outcome = await decideWith(this.policy);
      } catch (error) {
        // A claim the store settles at once by sending a replacement, when no replacement can be
        // sent, is still the buyer's claim: it is recorded and waits for the store's decision.
        if (!(error instanceof OutOfStockError) || command.type !== 'ClaimNeverArrived') throw error;
        outcome = await decideWith({ ...this.policy, justFixItBelow: undefined });
      }
      const { plan, stock, decided } = outcome;
      await this.#takeOverOrRelease(stock, decided);

      const withIds = (streamId: string, events: readonly LedgerEvent[], first = 0, extra: EventMetadata = {}) =>
        events.map((event, index) => ({
          ...event,
          eventId: eventIdFor(commandId, streamId, first + index),
          metadata: { ...metadata, ...extra },
        }));
      const stockWrites: StreamWrite[] = [...decided].flatMap(([sku, events]) => {
        if (events.length === 0) return [];
        const streamId = stockStreamId(sku);
        const loaded = stock.get(sku);
        return [
          {
            streamId,
            events: withIds(streamId, events, loaded?.earlier ?? 0),
            expectedRevision: expectedRevisionOf(loaded?.folded ?? { revision: NO_STREAM_REVISION }),
          },
        ];
      });
      const orderWrite: StreamWrite | undefined =
        plan.order !== undefined && plan.order.events.length > 0 && order !== undefined
          ? {
              streamId: orderStreamId(plan.order.orderId),
              events: withIds(
                orderStreamId(plan.order.orderId),
                plan.order.events,
                0,
                !atomic && stockWrites.length > 0 ? { stockFollows: true } : {},
              ),
              expectedRevision: expectedRevisionOf(order),
            }
          : undefined;

      const writes = orderWrite === undefined ? stockWrites : [orderWrite, ...stockWrites];
      if (writes.length === 0) return { events: [], alreadyHandled: false };
      if (writes.length === 1) {
        const [write] = writes as [StreamWrite];
        await this.store.appendToStream(write.streamId, write.events, { expectedRevision: write.expectedRevision });
      } else if (atomic) {
        await this.store.appendToStreams(writes);
      } else {
        await reserveThenRecord(this.store, orderWrite, stockWrites);
      }
      return { events: await this.#readBack(writes, commandId), alreadyHandled: false };
    };
    return retryOnConflict(attempt, this.#maxAttempts === undefined ? {} : { maxAttempts: this.#maxAttempts });
  }

  /**
   * Each SKU stream the movements touch, folded, with how many events this command id left there
   * before. Reservations of a run of this command that died before recording its order (the order
   * does not mention the command, or we would not be here) are released first, so the command
   * never holds the same units twice; new ids continue after the events of that run.
   */
  async #loadStock(
    movements: readonly { readonly sku: string }[],
    commandId: string,
    home: ReadStream<unknown>,
    atomic: boolean,
    fingerprint: string,
    type: string,
  ): Promise<Map<string, LoadedStock>> {
    const stock = new Map<string, LoadedStock>();
    for (const sku of new Set(movements.map((movement) => movement.sku))) {
      const streamId = stockStreamId(sku);
      const read =
        streamId === home.streamId ? (home as ReadStream<StockState>) : await this.#readStock(sku, commandId);
      assertSameCommand(read.mine, commandId, fingerprint, type);
      // Leftovers exist only where reservations are written before the order (the reservation
      // flow). On a store with atomic appends a reservation of this command id that the order
      // read did not show is the original run committing between our two reads: it is live, and
      // releasing it would sell its units twice. The order append's expected revision catches up.
      // A release that undoes a reservation carries the reservation's command id, so the
      // command's own events are enough to tell which of its reservations are still open.
      const leftovers = atomic ? [] : (openReservationsOf(read.mine, commandId) as RecordedEvent<StockCommitted>[]);
      // The decision is made on the stock as it would be without them: they are either taken over
      // as they are, or released (see #takeOverOrRelease).
      let state = read.folded.state;
      for (const reservation of leftovers) {
        state = evolveStock(state, { type: 'StockReleased', data: { ...reservation.data, cause: 'abandoned' } });
      }
      stock.set(sku, {
        folded: { ...read.folded, state },
        leftovers,
        // On an atomic store a run's ids always start at 0, so a run racing its original writes
        // the original's ids on every stream and the store takes the whole append as a retry. Ids
        // counted past the original's would let the stock part land a second time beside an order
        // part the store recognised as already written (units committed twice).
        earlier: atomic ? 0 : read.mine.length,
      });
    }
    return stock;
  }

  /** An order stream, read whole: it lives as long as its order, not as long as the store. */
  async #readOrder(orderId: string, commandId: string): Promise<ReadStream<OrderState>> {
    const streamId = orderStreamId(orderId);
    const events = await this.store.readStream(streamId);
    return {
      streamId,
      folded: foldRecorded(orderFold, events as RecordedEvent<OrderEvent>[]),
      mine: eventsOfCommand(events, commandId),
      events,
    };
  }

  /**
   * A SKU stream: its stock from the snapshot and the events after it, and what this command id
   * wrote there, looked up by id. On a store with neither (EventStoreDB), one read of the whole
   * stream serves both.
   */
  async #readStock(sku: string, commandId: string): Promise<ReadStream<StockState>> {
    const streamId = stockStreamId(sku);
    if (this.store.snapshots === undefined || this.store.readEventsById === undefined) {
      const events = await this.store.readStream(streamId);
      return {
        streamId,
        folded: foldRecorded(stockSnapshotFold, events as RecordedEvent<StockEvent>[]),
        mine: eventsOfCommand(events, commandId),
      };
    }
    const [folded, mine] = await Promise.all([
      this.#loadStockState(streamId),
      eventsOfCommandIn(this.store, streamId, commandId),
    ]);
    return { streamId, folded, mine };
  }

  #loadStockState(streamId: string): Promise<FoldedStream<StockState>> {
    return loadSnapshotted(this.store, streamId, stockSnapshotFold, this.#snapshotEvery);
  }

  /**
   * Leftover reservations of this command id (reservation flow only) are either a dead run's or
   * those of its original, still running between reserving and recording the order. When this run
   * decides exactly the same reservations, it takes them over: it writes none of its own, and
   * whichever run records the order first does so for both (the same event ids make the other's
   * order append a retry). Releasing them instead, as before, let a third buyer take the units of
   * an order about to be recorded. Reservations that differ from this run's decision are released,
   * and the command is decided again on the stream as it then stands.
   */
  async #takeOverOrRelease(stock: ReadonlyMap<string, LoadedStock>, decided: Map<string, StockEvent[]>): Promise<void> {
    for (const [sku, loaded] of stock) {
      if (loaded.leftovers.length === 0) continue;
      const events = decided.get(sku) ?? [];
      const mine = events.filter((event): event is StockCommitted => event.type === 'StockCommitted');
      const key = (data: StockCommitted['data']) => `${data.orderId}/${data.lineId}/${data.quantity}`;
      const wanted = mine.map((event) => key(event.data)).sort();
      const held = loaded.leftovers.map((event) => key(event.data)).sort();
      if (JSON.stringify(wanted) === JSON.stringify(held)) {
        decided.set(
          sku,
          events.filter((event) => event.type !== 'StockCommitted'),
        );
        continue;
      }
      const streamId = stockStreamId(sku);
      await releaseReservations(
        this.store,
        streamId,
        loaded.leftovers.map((event) => event.eventId),
      );
      const after = await this.store.readStream(streamId, { fromRevision: loaded.folded.revision + 1 });
      throw new ConcurrencyError(streamId, expectedRevisionOf(loaded.folded), loaded.folded.revision + after.length);
    }
  }

  /**
   * The stock movements decided against the SKU streams as read. Those were read after the order
   * stream, so a refusal may come from events the order read did not see (another writer shipped
   * or cancelled in between: "has 1 unit committed, not 2"). A refusal counts only if the order
   * stream is still where it was read; otherwise it is a conflict, retried on fresh state.
   */
  async #decideOnOneSnapshot(
    movements: readonly StockCommand[],
    stock: ReadonlyMap<string, { folded: FoldedStream<StockState> }>,
    home: ReadStream<unknown>,
  ): Promise<Map<string, StockEvent[]>> {
    try {
      return decideStockMovements(movements, (sku) => stock.get(sku)?.folded.state ?? initialStockState(), this.policy);
    } catch (error) {
      if (!(error instanceof StockRefusedError) || streamKindOf(home.streamId) !== 'order') throw error;
      const read = home.folded.revision;
      const now = await this.store.readStream(home.streamId, { fromRevision: read + 1 });
      if (now.length === 0) throw error;
      throw new ConcurrencyError(home.streamId, read === NO_STREAM_REVISION ? 'no_stream' : read, read + now.length);
    }
  }

  /**
   * A command id that ran before wrote nothing new now; but on a store without atomic appends its
   * first run may have died before its stock movements landed, and this run completes them.
   */
  async #completeEarlierRun(command: LedgerCommand, commandId: string, home: ReadStream<unknown>): Promise<void> {
    // Only order events carry `stockFollows`, and an order stream is read whole.
    if (home.events === undefined || !home.mine.some((event) => event.metadata.stockFollows === true)) return;
    const orderEvents = home.events as readonly RecordedEvent<OrderEvent>[];
    const refused = await completeFollowThrough(this.store, orderEvents, commandId, this.policy);
    if (refused.length > 0) {
      const reasons = refused.map((refusal) => refusal.message).join('; ');
      throw new CommandIncompleteError(
        `${command.type} is recorded, but its stock cannot be reserved again: ${reasons}`,
      );
    }
  }

  /** What the command wrote, as recorded: read back from each stream written, after where it expected it. */
  async #readBack(writes: readonly StreamWrite[], commandId: string): Promise<RecordedEvent[]> {
    const written: RecordedEvent[] = [];
    for (const write of writes) {
      const events = await this.store.readStream(write.streamId, {
        fromRevision: typeof write.expectedRevision === 'number' ? write.expectedRevision + 1 : 0,
      });
      written.push(...eventsOfCommand(events, commandId));
    }
    return written;
  }

  /** Every event an earlier run of a command wrote: its home stream's, then the SKU streams it touched. */
  async #eventsOf(commandId: string, home: ReadStream<unknown>): Promise<RecordedEvent[]> {
    const found = [...home.mine];
    if (home.events === undefined) return found;
    const undone = (events: readonly RecordedEvent[]) => {
      const compensated = compensatedIds(events);
      return events.filter((event) => event.metadata.compensates === undefined && !compensated.has(event.eventId));
    };
    const skus = new Set<string>();
    for (const event of home.events as readonly RecordedEvent<OrderEvent>[]) {
      if (event.type === 'OrderPlaced') for (const line of event.data.lines) skus.add(line.sku);
      if (event.type === 'OrderEdited') {
        for (const change of event.data.changes) if (change.kind === 'VariantSwapped') skus.add(change.sku);
      }
    }
    for (const sku of skus) {
      found.push(...undone(await eventsOfCommandIn(this.store, stockStreamId(sku), commandId)));
    }
    return found;
  }
}
