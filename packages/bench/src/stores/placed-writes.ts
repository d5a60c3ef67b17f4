import type { ExpectedRevision, NewEvent, StreamWrite } from '@order-ledger/core';
import type { PlacedEvent, Workload } from '@order-ledger/core/testing';

/** The workload's event as an append takes it: the event and its stable id. */
export const toNew = (placed: PlacedEvent): NewEvent => ({ ...placed.event, eventId: placed.eventId }) as NewEvent;

/** The exact expected revision of an append that lands at `revision`. */
export const expectedBefore = (revision: number): ExpectedRevision => (revision === 0 ? 'no_stream' : revision - 1);

export type WholeOrder = Workload['wholeOrders'][number];

/** One order's events on every stream it touches, as one `appendToStreams` call takes them. */
export const wholeOrderWrites = (append: WholeOrder): StreamWrite[] =>
  append.map((stream) => ({
    streamId: stream.streamId,
    events: stream.events.map(toNew),
    expectedRevision: expectedBefore(stream.events[0]?.revision ?? 0),
  }));

/** How many events a list of whole-order appends holds. */
export const eventsIn = (appends: readonly WholeOrder[]): number =>
  appends.reduce((sum, append) => sum + append.reduce((n, stream) => n + stream.events.length, 0), 0);
