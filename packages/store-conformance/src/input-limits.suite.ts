import { type EventStore, type ExpectedRevision, inputLimits, type NewEvent } from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { readAllEvents } from './read-helpers';
import { withStore } from './with-store';

const NUL = '\u0000';
/** The size that used to reach each database, which then drew its own line (or none). */
const huge = 'x'.repeat(10_000_000);

/** One bad append: the error every store must answer with, and where it must say the fault is. */
interface BadAppend {
  readonly label: string;
  readonly streamId?: string;
  readonly events: () => NewEvent[];
  readonly expectedRevision?: unknown;
  readonly error: Record<string, unknown>;
}

/** Two events, the second carrying `metadata`: the error must name event 1. */
const withMetadata = (metadata: unknown) => () => [stockAdjusted(), { ...stockAdjusted(), metadata } as NewEvent];

const badAppends: readonly BadAppend[] = [
  {
    label: 'a NUL in the stream id',
    streamId: `s${NUL}1`,
    events: () => [stockAdjusted()],
    error: { field: 'streamId' },
  },
  { label: 'a 10 MB stream id', streamId: huge, events: () => [stockAdjusted()], error: { field: 'streamId' } },
  {
    label: 'a stream id one character too long',
    streamId: 's'.repeat(inputLimits.streamIdLength + 1),
    events: () => [stockAdjusted()],
    error: { field: 'streamId' },
  },
  {
    label: 'a NUL in an event id',
    events: () => [stockAdjusted(), stockAdjusted('MUG', 1, `e${NUL}2`)],
    error: { field: 'eventId', eventIndex: 1 },
  },
  {
    label: 'a 10 MB event id',
    events: () => [stockAdjusted(), stockAdjusted('MUG', 1, huge)],
    error: { field: 'eventId', eventIndex: 1 },
  },
  {
    label: 'an event id one character too long',
    events: () => [stockAdjusted('MUG', 1, 'e'.repeat(inputLimits.eventIdLength + 1))],
    error: { field: 'eventId', eventIndex: 0 },
  },
  {
    label: 'an event id that is not a string',
    events: () => [{ ...stockAdjusted(), eventId: 42 } as unknown as NewEvent],
    error: { field: 'eventId', eventIndex: 0 },
  },
  {
    label: 'an event that is not an object',
    events: () => [stockAdjusted(), null as unknown as NewEvent],
    error: { field: 'event', eventIndex: 1 },
  },
  {
    label: 'a NUL in a metadata value',
    events: withMetadata({ actor: `sam${NUL}` }),
    error: { field: 'metadata.actor', eventIndex: 1 },
  },
  {
    label: 'a NUL in a metadata key',
    events: withMetadata({ [`a${NUL}b`]: 'x' }),
    error: { field: 'metadata', eventIndex: 1 },
  },
  {
    label: 'a NUL in the command id',
    events: withMetadata({ commandId: `c${NUL}` }),
    error: { field: 'metadata.commandId', eventIndex: 1 },
  },
  {
    label: 'a 10 MB command id',
    events: withMetadata({ commandId: huge }),
    error: { field: 'metadata.commandId', eventIndex: 1 },
  },
  { label: '10 MB of metadata', events: withMetadata({ note: huge }), error: { field: 'metadata', eventIndex: 1 } },
  {
    label: 'metadata just over its limit',
    events: withMetadata({ note: 'n'.repeat(inputLimits.metadataBytes) }),
    error: { field: 'metadata', eventIndex: 1 },
  },
  {
    label: 'a recordedAt that is not an instant',
    events: () => [{ ...stockAdjusted(), recordedAt: 'yesterday' }],
    error: { field: 'recordedAt', eventIndex: 0 },
  },
  ...['foo', '3', 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53].map(
    (expectedRevision): BadAppend => ({
      label: `expected revision ${String(expectedRevision)} (${typeof expectedRevision})`,
      events: () => [stockAdjusted()],
      expectedRevision,
      error: { field: 'expectedRevision' },
    }),
  ),
];

/**
 * Every store refuses the same bad input with the same typed error, naming the stream, the event
 * and the field, before anything reaches the database: no store lets a database decide (SQLite
 * took NUL and 10 MB ids; PostgreSQL failed on them with raw driver errors).
 */
export function inputLimitsSuite(harness: StoreHarness): void {
  describe(`${harness.name}: input limits, the same on every store`, () => {
    it('refuses every bad append with InvalidAppendError naming where it is, and writes nothing', async () => {
      await withStore(harness, async (store) => {
        await store.appendToStream('s', [stockAdjusted()]);
        const before = await readAllEvents(store);
        for (const bad of badAppends) {
          const streamId = bad.streamId ?? 's';
          const append = store.appendToStream(streamId, bad.events(), {
            expectedRevision: ('expectedRevision' in bad ? bad.expectedRevision : 'any') as ExpectedRevision,
          });
          await expect(append, bad.label).rejects.toMatchObject({
            name: 'InvalidAppendError',
            code: 'APPEND_INVALID',
            streamId,
            ...bad.error,
          });
          const error = await append.catch((caught: unknown) => caught);
          // The message names the field, and stays readable however large the input was.
          expect((error as Error).message, bad.label).toContain(String(bad.error.field).split('.')[0]);
          expect((error as Error).message.length, bad.label).toBeLessThan(1000);
        }
        expect(await readAllEvents(store)).toEqual(before);
      });
    });

    it('accepts ids and metadata right at the limits', async () => {
      await withStore(harness, async (store) => {
        const streamId = `stock-${'s'.repeat(inputLimits.streamIdLength - 6)}`;
        const eventId = 'e'.repeat(inputLimits.eventIdLength);
        const metadata = { commandId: 'c'.repeat(inputLimits.metadataIdLength), note: '' };
        const room = inputLimits.metadataBytes - JSON.stringify(metadata).length;
        const event = { ...stockAdjusted('MUG', 1, eventId), metadata: { ...metadata, note: 'n'.repeat(room) } };
        await store.appendToStream(streamId, [event]);
        const [read] = await store.readStream(streamId);
        expect(read?.eventId).toBe(eventId);
        expect(read?.metadata).toEqual(event.metadata);
      });
    });

    it('refuses a NUL anywhere in the data with EventValidationError naming the field', async () => {
      await withStore(harness, async (store) => {
        const event = { ...stockAdjusted(), data: { ...stockAdjusted().data, note: `a${NUL}b` } } as NewEvent;
        await expect(store.appendToStream('s', [stockAdjusted(), event])).rejects.toMatchObject({
          name: 'EventValidationError',
          code: 'EVENT_INVALID',
          issues: [{ path: 'data.note' }],
          location: { streamId: 's', revision: 1 },
        });
        expect(await readAllEvents(store)).toEqual([]);
      });
    });

    it('answers a revision no stream is at with a conflict, however large', async () => {
      await withStore(harness, async (store) => {
        const far = Number.MAX_SAFE_INTEGER;
        await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: far })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
          expected: far,
          actual: 'no_stream',
        });
        await store.appendToStream('s', [stockAdjusted()]);
        await expect(store.appendToStream('s', [stockAdjusted()], { expectedRevision: 2 ** 31 })).rejects.toMatchObject(
          { code: 'CONCURRENCY_CONFLICT', actual: 0 },
        );
      });
    });

    it('refuses to read a stream by an id no append could have written, with InvalidReadError', async () => {
      await withStore(harness, async (store) => {
        const reads: [string, (s: EventStore) => Promise<unknown>, string][] = [
          ['a NUL in the stream id', (s) => s.readStream(`s${NUL}`), 'streamId'],
          ['a 10 MB stream id', (s) => s.readStream(huge), 'streamId'],
          ['an empty stream id', (s) => s.readStream(''), 'streamId'],
          ['a negative fromRevision', (s) => s.readStream('s', { fromRevision: -1 }), 'fromRevision'],
          [
            'a fromRevision that is not a number',
            (s) => s.readStream('s', { fromRevision: 'foo' as unknown as number }),
            'fromRevision',
          ],
          ['a negative maxCount', (s) => s.readStream('s', { maxCount: -1 }), 'maxCount'],
          ['a fractional maxCount', (s) => s.readStream('s', { maxCount: 1.5 }), 'maxCount'],
        ];
        for (const [label, read, field] of reads) {
          await expect(read(store), label).rejects.toMatchObject({
            name: 'InvalidReadError',
            code: 'READ_INVALID',
            field,
          });
        }
        expect(await store.readStream('s'.repeat(inputLimits.streamIdLength))).toEqual([]);
      });
    });
  });
}
