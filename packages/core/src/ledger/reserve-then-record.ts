import type { StockEvent } from '../catalogue/stock-events';
import { eventIdFor, eventsOfCommand } from '../command/command-ids';
import { hasErrorCode, LedgerError } from '../errors/ledger-error';
import type { EventStore } from '../event-store/event-store';
import type { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent, StreamWrite } from '../event-store/types';

/**
 * How the ledger writes a command that touches several streams on a store that cannot append to
 * them in one transaction (EventStoreDB). The order must never promise stock it does not hold,
 * and stock must never stay promised to an order that was not recorded:
 *
 * 1. **Reserve.** Every `StockCommitted` goes first, stream by stream, each expecting the SKU's
 *    revision as read. Another writer in between is a conflict: what was reserved is released,
 *    and the whole command runs again on fresh state.
 * 2. **Record.** The order's events, expecting the order's revision. If that fails, the
 *    reservations of step 1 are released (compensated) and the error goes to the caller.
 * 3. **Follow through.** Movements that cannot be refused (releases, shipments, returns) go last,
 *    once the order says they happened; each is appended until it lands (a conflict on the SKU
 *    re-reads it and appends again, unless the movement is already there).
 *
 * If the process dies between 1 and 2, a reservation is left whose order never mentions its
 * command: `reconcileLedger` releases it after a grace period, and the weekly sweep lists it
 * until then. If it dies between 2 and 3, the order is recorded and its stock movements are
 * missing: running the command again (same command id) or `reconcileLedger` completes them.
 */
export async function reserveThenRecord(
  store: EventStore,
  order: StreamWrite | undefined,
  stock: readonly StreamWrite[],
): Promise<void> {
  const reservations: StreamWrite[] = [];
  const followThrough: StreamWrite[] = [];
  for (const write of stock) {
    const commits = write.events.filter((event) => event.type === 'StockCommitted');
    const others = write.events.filter((event) => event.type !== 'StockCommitted');
    if (commits.length > 0) reservations.push({ ...write, events: commits });
    if (others.length > 0) followThrough.push({ ...write, events: others });
  }

  const reserved: StreamWrite[] = [];
  try {
    for (const write of reservations) {
      await store.appendToStream(write.streamId, write.events, { expectedRevision: write.expectedRevision });
      reserved.push(write);
    }
    if (order !== undefined) {
      await store.appendToStream(order.streamId, order.events, { expectedRevision: order.expectedRevision });
    }
  } catch (error) {
    try {
      for (const write of reserved) {
        await releaseReservations(
          store,
          write.streamId,
          write.events.map((event) => event.eventId),
        );
      }
    } catch (compensation) {
      throw new CommandIncompleteError(
        `the command failed (${String(error)}), and releasing its reservations failed too (${String(compensation)}): ` +
          'reconcileLedger will release them',
        { cause: error },
      );
    }
    throw error;
  }
  for (const write of followThrough) await appendUntilItLands(store, write);
}

/**
 * The command failed half-way and could not undo its first half: what is left is recorded and
 * will be set right by `reconcileLedger` (or by running the same command id again).
 * @remedy Run the same command again with the same command id, or let `reconcileLedger` complete
 * or release what was left.
 */
export class CommandIncompleteError extends LedgerError {
  readonly code = 'COMMAND_INCOMPLETE' as const;
}

/**
 * Releases reserved units: one `StockReleased` (cause `abandoned`) per `StockCommitted` named by
 * id, carrying the reservation's own command id and naming the reservation it undoes in
 * `metadata.compensates`. Reads the stream first and releases only what is still open there, so
 * two reconcilers, or a retried compensation, release a reservation once.
 */
export async function releaseReservations(
  store: EventStore,
  streamId: string,
  reservationIds: Iterable<string>,
  at?: string,
): Promise<void> {
  const wanted = new Set(reservationIds);
  for (let tries = 0; ; tries += 1) {
    const events = await store.readStream(streamId);
    const open = openReservationsOf(events).filter((event) => wanted.has(event.eventId));
    if (open.length === 0) return;
    // New ids continue after each command's events already in the stream.
    const nextIndex = new Map<string, number>();
    const releases = open.map((reservation): NewEvent => {
      const commandId = reservation.metadata.commandId ?? 'reconcile';
      const index = nextIndex.get(commandId) ?? eventsOfCommand(events, commandId).length;
      nextIndex.set(commandId, index + 1);
      const { data } = reservation as RecordedEvent<Extract<StockEvent, { type: 'StockCommitted' }>>;
      const metadata: EventMetadata = { ...reservation.metadata, commandId, compensates: reservation.eventId };
      return {
        type: 'StockReleased',
        data: { ...data, at: at ?? data.at, cause: 'abandoned' },
        eventId: eventIdFor(commandId, streamId, index),
        metadata,
      };
    });
    try {
      await store.appendToStream(streamId, releases, { expectedRevision: revisionOf(events) });
      return;
    } catch (error) {
      if (!hasErrorCode(error, 'CONCURRENCY_CONFLICT') || tries >= 20) throw error;
    }
  }
}

/** The ids of the reservations that releases in `events` undo (`metadata.compensates`). */
export function compensatedIds(events: readonly RecordedEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) if (event.metadata.compensates !== undefined) ids.add(event.metadata.compensates);
  return ids;
}

/**
 * The `StockCommitted` events in a stream that no release has undone: all of them, or those of
 * one command.
 */
export function openReservationsOf(events: readonly RecordedEvent[], commandId?: string): RecordedEvent[] {
  const compensated = compensatedIds(events);
  return events.filter(
    (event) =>
      event.type === 'StockCommitted' &&
      (commandId === undefined || event.metadata.commandId === commandId) &&
      !compensated.has(event.eventId),
  );
}

/**
 * Appends movements that cannot be refused (the order already says they happened). A conflict
 * means another writer got to the SKU first: re-read, and append at the new end unless the
 * movement is already there (a retried command, or a reconciler).
 */
export async function appendUntilItLands(store: EventStore, write: StreamWrite): Promise<void> {
  let expectedRevision = write.expectedRevision;
  const firstId = write.events[0]?.eventId;
  for (let tries = 0; ; tries += 1) {
    try {
      await store.appendToStream(write.streamId, write.events, { expectedRevision });
      return;
    } catch (error) {
      if (!hasErrorCode(error, 'CONCURRENCY_CONFLICT') || tries >= 20) throw error;
      const events = await store.readStream(write.streamId);
      if (events.some((event) => event.eventId === firstId)) return;
      expectedRevision = revisionOf(events);
    }
  }
}

function revisionOf(events: readonly RecordedEvent[]): ExpectedRevision {
  const last = events.at(-1);
  return last === undefined ? 'no_stream' : last.revision;
}
