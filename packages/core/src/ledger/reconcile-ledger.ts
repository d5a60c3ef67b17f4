import type { OrderEvent } from '../catalogue/order-events';
import type { StockEvent } from '../catalogue/stock-events';
import { eventIdFor, eventsOfCommand } from '../command/command-ids';
import type { EventStore } from '../event-store/event-store';
import { foldRecorded } from '../event-store/fold-stream';
import { readEverything } from '../event-store/read-everything';
import { orderStreamId, stockStreamId } from '../event-store/stream-ids';
import type { RecordedEvent } from '../event-store/types';
import { evolveOrder } from '../order/evolve-order';
import { initialOrderState, type OrderState } from '../order/order-state';
import { evolveStock } from '../stock/evolve-stock';
import type { StockCommand } from '../stock/stock-commands';
import { StockRefusedError } from '../stock/stock-errors';
import { stockMovementsFor } from '../stock/stock-movements';
import { initialStockState } from '../stock/stock-state';
import { decideStockMovements } from './decide-ledger-command';
import { type LedgerPolicy, ledgerPolicy } from './ledger-command';
import { appendUntilItLands, openReservationsOf, releaseReservations } from './reserve-then-record';

/** Stock reserved by a command whose order was never recorded. */
export interface OrphanedReservation {
  readonly sku: string;
  readonly orderId: string;
  readonly lineId: string;
  readonly quantity: number;
  readonly commandId: string;
  /** The `StockCommitted` event that reserved it. */
  readonly eventId: string;
  readonly reservedAt: string;
}

/**
 * An order command whose stock movements never landed (releases, shipments, returns), or whose
 * reservation was released before its order was recorded (a reconciler with too short a grace).
 */
export interface MissingStockMovements {
  readonly orderId: string;
  readonly commandId: string;
  readonly skus: readonly string[];
}

export interface LedgerGaps {
  readonly orphanedReservations: readonly OrphanedReservation[];
  readonly missingStockMovements: readonly MissingStockMovements[];
}

export interface ReconcileOptions {
  /** Now, for the grace period. Default: the wall clock. */
  readonly asOf?: Date;
  /**
   * How old a reservation must be before it counts as orphaned: a command may be between its two
   * appends right now. Default 15 minutes.
   */
  readonly graceMinutes?: number;
  readonly policy?: Partial<LedgerPolicy>;
}

const stockFold = { initialState: initialStockState, evolve: evolveStock };

/**
 * What the reservation flow can leave behind when a process dies half-way (see
 * `reserveThenRecord`): reservations with no order, and recorded orders whose stock movements are
 * missing. Reads the whole store once; on a store with atomic appends both lists stay empty.
 */
export async function findLedgerGaps(store: EventStore, options: ReconcileOptions = {}): Promise<LedgerGaps> {
  return ledgerGapsIn(await readEverything(store), options);
}

/**
 * `findLedgerGaps` over a history already read (the weekly sweep has one): pure, no store.
 * Reservations younger than the grace period, at `asOf`, are left out.
 */
export function ledgerGapsIn(history: Iterable<RecordedEvent>, options: ReconcileOptions = {}): LedgerGaps {
  const cutoff = (options.asOf ?? new Date()).getTime() - (options.graceMinutes ?? 15) * 60_000;
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of history) {
    const events = streams.get(event.streamId);
    if (events === undefined) streams.set(event.streamId, [event]);
    else events.push(event);
  }
  const commandsOf = (streamId: string): Set<string | undefined> =>
    new Set((streams.get(streamId) ?? []).map((event) => event.metadata.commandId));

  const orphanedReservations: OrphanedReservation[] = [];
  for (const events of streams.values()) {
    for (const event of openReservationsOf(events) as RecordedEvent<
      Extract<StockEvent, { type: 'StockCommitted' }>
    >[]) {
      const commandId = event.metadata.commandId;
      if (commandId === undefined) continue;
      if (commandsOf(orderStreamId(event.data.orderId)).has(commandId)) continue;
      if (Date.parse(event.recordedAt) > cutoff) continue;
      const { sku, orderId, lineId, quantity } = event.data;
      orphanedReservations.push({
        sku,
        orderId,
        lineId,
        quantity,
        commandId,
        eventId: event.eventId,
        reservedAt: event.recordedAt,
      });
    }
  }

  const missingStockMovements: MissingStockMovements[] = [];
  for (const [streamId, events] of streams) {
    if (!streamId.startsWith('order-')) continue;
    for (const command of commandsWithFollowThrough(events as RecordedEvent<OrderEvent>[])) {
      const skus = command.movements
        .filter((movement) => !hasLanded(streams.get(stockStreamId(movement.sku)) ?? [], command.commandId, movement))
        .map((movement) => movement.sku);
      if (skus.length > 0) {
        missingStockMovements.push({
          orderId: command.orderId,
          commandId: command.commandId,
          skus: [...new Set(skus)],
        });
      }
    }
  }
  return { orphanedReservations, missingStockMovements };
}

/** A movement the reconciler could not make: the stock decider refuses it now. */
export interface RefusedMovement {
  readonly orderId: string;
  readonly commandId: string;
  readonly sku: string;
  readonly code: string;
  readonly message: string;
}

/** What `reconcileLedger` found and set right, and what it could not. */
export interface ReconcileReport extends LedgerGaps {
  /**
   * Reservations an order lost (released by a reconciler while its command was still running)
   * that cannot be made again: the units were sold since. The order is recorded; the shop must
   * decide (restock, or cancel the order).
   */
  readonly refused: readonly RefusedMovement[];
}

/**
 * Sets right what `findLedgerGaps` finds: releases each orphaned reservation (a `StockReleased`,
 * cause `abandoned`, that names it in `metadata.compensates`) and appends the missing stock
 * movements of recorded orders. Safe to run at any time and from several processes at once:
 * every write checks first that it is still needed.
 */
export async function reconcileLedger(store: EventStore, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const history = await readEverything(store);
  const gaps = ledgerGapsIn(history, options);
  const at = (options.asOf ?? new Date()).toISOString();
  const bySku = new Map<string, string[]>();
  for (const orphan of gaps.orphanedReservations) {
    bySku.set(orphan.sku, [...(bySku.get(orphan.sku) ?? []), orphan.eventId]);
  }
  for (const [sku, ids] of bySku) await releaseReservations(store, stockStreamId(sku), ids, at);
  // The order streams were read with the history; only the SKU streams are read again (fresh).
  const needed = new Set(gaps.missingStockMovements.map((missing) => orderStreamId(missing.orderId)));
  const orderStreams = new Map<string, RecordedEvent<OrderEvent>[]>();
  for (const event of history) {
    if (!needed.has(event.streamId)) continue;
    const events = orderStreams.get(event.streamId);
    if (events === undefined) orderStreams.set(event.streamId, [event as RecordedEvent<OrderEvent>]);
    else events.push(event as RecordedEvent<OrderEvent>);
  }
  const policy = ledgerPolicy(options.policy);
  const refused: RefusedMovement[] = [];
  for (const missing of gaps.missingStockMovements) {
    const events = orderStreams.get(orderStreamId(missing.orderId)) ?? [];
    for (const refusal of await completeFollowThrough(store, events, missing.commandId, policy)) {
      refused.push({ orderId: missing.orderId, commandId: missing.commandId, ...refusal });
    }
  }
  return { ...gaps, refused };
}

/**
 * Appends the stock movements an order command's events call for, on every SKU where they are
 * missing: follow-through movements that never landed, and a reservation the order lost. The
 * movements are worked out again from the order's own history (its state just before the
 * command), so nothing about the failed run needs to be remembered. Returns the movements the
 * stock decider refuses now (a lost reservation whose units were sold since).
 */
export async function completeFollowThrough(
  store: EventStore,
  orderEvents: readonly RecordedEvent<OrderEvent>[],
  commandId: string,
  policy: LedgerPolicy,
): Promise<{ sku: string; code: string; message: string }[]> {
  const refused: { sku: string; code: string; message: string }[] = [];
  const command = commandsWithFollowThrough(orderEvents).find((found) => found.commandId === commandId);
  if (command === undefined) return refused;
  for (const sku of new Set(command.movements.map((movement) => movement.sku))) {
    const streamId = stockStreamId(sku);
    const stream = await store.readStream(streamId);
    const movements = command.movements.filter(
      (movement) => movement.sku === sku && !hasLanded(stream, commandId, movement),
    );
    if (movements.length === 0) continue;
    const folded = foldRecorded(stockFold, stream as RecordedEvent<StockEvent>[]);
    let decided: readonly StockEvent[];
    try {
      decided = decideStockMovements(movements, () => folded.state, policy).get(sku) ?? [];
    } catch (error) {
      if (!(error instanceof StockRefusedError)) throw error;
      refused.push({ sku, code: error.code, message: error.message });
      continue;
    }
    if (decided.length === 0) continue;
    const first = eventsOfCommand(stream, commandId).length;
    const metadata = { ...command.metadata, commandId };
    await appendUntilItLands(store, {
      streamId,
      events: decided.map((event, index) => ({
        ...event,
        eventId: eventIdFor(commandId, streamId, first + index),
        metadata,
      })),
      expectedRevision: folded.revision < 0 ? 'no_stream' : folded.revision,
    });
  }
  return refused;
}

interface CommandWithFollowThrough {
  readonly orderId: string;
  readonly commandId: string;
  readonly metadata: RecordedEvent['metadata'];
  /** Every stock movement the command's order events call for: reservations and the rest. */
  readonly movements: ReturnType<typeof stockMovementsFor>;
}

/** The order's commands written by the reservation flow, with the movements each calls for. */
function commandsWithFollowThrough(events: readonly RecordedEvent<OrderEvent>[]): CommandWithFollowThrough[] {
  const found: CommandWithFollowThrough[] = [];
  let state: OrderState = initialOrderState();
  let index = 0;
  while (index < events.length) {
    const first = events[index] as RecordedEvent<OrderEvent>;
    const commandId = first.metadata.commandId;
    const group: RecordedEvent<OrderEvent>[] = [];
    while (index < events.length && events[index]?.metadata.commandId === commandId) {
      group.push(events[index] as RecordedEvent<OrderEvent>);
      index += 1;
    }
    if (commandId !== undefined && first.metadata.stockFollows === true) {
      const orderId = first.streamId.slice('order-'.length);
      const movements = stockMovementsFor(state, group);
      if (movements.length > 0) {
        found.push({ orderId, commandId, metadata: first.metadata, movements });
      }
    }
    for (const event of group) state = evolveOrder(state, event);
  }
  return found;
}

/**
 * Whether a movement of the command is in the stream. A reservation has landed when one of the
 * command's `StockCommitted` is there and not released; any other movement when the command left
 * anything but a reservation (or its release) there, since those go in one append per stream.
 */
function hasLanded(stream: readonly RecordedEvent[], commandId: string, movement: StockCommand): boolean {
  if (movement.type === 'CommitStock') return openReservationsOf(stream, commandId).length > 0;
  return stream.some(
    (event) =>
      event.metadata.commandId === commandId &&
      event.type !== 'StockCommitted' &&
      event.metadata.compensates === undefined,
  );
}
