import {
  type EventStore,
  type ImportEntry,
  type ImportEvent,
  ImportRefusedError,
  importHistory,
  type NewEvent,
  type RecordedEvent,
  supportsBulkImport,
} from '@order-ledger/core';
import { describe, expect, it } from 'vitest';
import { orderPlaced, stockAdjusted } from './fixtures';
import type { StoreHarness } from './harness';
import { readAllEvents } from './read-helpers';
import { withStore } from './with-store';

/** Where an entry came from, as a file reader would say it. */
interface Line {
  readonly line: number;
}

let imports = 0;

/**
 * A history of `orders` orders, one stream each (placed, then one adjustment-free Paid-less life:
 * just the order) and a stock stream that takes a receipt per order: two streams interleaved, as
 * an export interleaves them. Entry n comes from line n + 1.
 */
function history(orders: number): ImportEvent<Line>[] {
  const run = ++imports;
  const entries: ImportEvent<Line>[] = [];
  for (let index = 0; index < orders; index += 1) {
    for (const [streamId, revision, event] of [
      [`order-i${run}-${index}`, 0, orderPlaced(`i${run}-${index}`)],
      [`stock-I${run}`, index, stockAdjusted(`I${run}`, 1 + (index % 3))],
    ] as const) {
      entries.push({
        streamId,
        revision,
        eventId: `imp-${run}-${streamId}-${revision}`,
        type: event.type,
        data: event.data,
        metadata: { commandId: `import-${index}`, actor: 'import' },
        recordedAt: `2024-01-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00.000Z`,
        source: { line: entries.length + 1 },
      });
    }
  }
  return entries;
}

/** Reads `entries` in batches of `size`, as a file reader hands them over. */
function inBatches<S>(entries: readonly ImportEntry<S>[], size = 7): () => AsyncIterable<ImportEntry<S>[]> {
  return async function* () {
    for (let start = 0; start < entries.length; start += size) yield entries.slice(start, start + size);
  };
}

/** What an import carries over: stream, revision, id, type, data, metadata and recorded time. */
function carried({ streamId, revision, eventId, type, data, metadata, recordedAt }: ImportEvent | RecordedEvent) {
  return { streamId, revision, eventId, type, data, metadata, recordedAt };
}

/** What a reader sees of a store, in order. */
async function contents(store: EventStore) {
  return (await readAllEvents(store)).map(carried);
}

const withCurrency = (entry: ImportEvent<Line>, currency: string): ImportEvent<Line> => ({
  ...entry,
  data: { ...(entry.data as Record<string, unknown>), currency },
});

export function importSuite(harness: StoreHarness): void {
  describe(`${harness.name}: importing a history`, () => {
    it('writes every event at the revision it names, keeping ids, metadata and recorded times', async () => {
      await withStore(harness, async (store) => {
        const entries = history(12);
        const report = await importHistory(store, inBatches(entries));
        expect(report).toMatchObject({ written: entries.length, alreadyThere: 0, problems: [], committed: true });
        expect(await contents(store)).toEqual(entries.map(carried));
      });
    });

    it('adds nothing when run again, and completes an import that stopped half-way', async () => {
      await withStore(harness, async (store) => {
        const entries = history(10);
        await importHistory(store, inBatches(entries.slice(0, 9), 4));
        const half = await contents(store);
        const report = await importHistory(store, inBatches(entries, 5));
        expect(report.problems).toEqual([]);
        // Stores with an import session recognise what is there; the others count it as written.
        expect(report.written + report.alreadyThere).toBe(entries.length);
        if (supportsBulkImport(store)) expect(report).toMatchObject({ written: entries.length - 9, alreadyThere: 9 });
        const whole = await contents(store);
        expect(whole.slice(0, 9)).toEqual(half);
        expect(whole.map((event) => event.eventId)).toEqual(entries.map((event) => event.eventId));
        await importHistory(store, inBatches(entries, 3));
        expect(await contents(store)).toEqual(whole);
      });
    });

    it('stores what the catalogue checked: unknown fields are dropped, as by an append', async () => {
      await withStore(harness, async (store) => {
        const [first] = history(1);
        if (first === undefined) throw new Error('no history');
        const dirty = { ...first, data: { ...(first.data as Record<string, unknown>), junk: 'x' } };
        await importHistory(store, inBatches([dirty]));
        expect((await contents(store))[0]?.data).toEqual(first.data);
      });
    });

    it('refuses a bad event by line, stream, revision, field and reason, and keeps nothing', async () => {
      await withStore(harness, async (store) => {
        const entries = history(6);
        const bad = 4; // the third order's OrderPlaced, line 5
        entries[bad] = withCurrency(entries[bad] as ImportEvent<Line>, 'EUD');
        const report = await importHistory(store, inBatches(entries, 3));
        expect(report.committed).toBe(false);
        expect(report.written).toBe(0);
        const [problem] = report.problems;
        expect(problem?.source).toEqual({ line: 5 });
        expect(problem?.code).toBe('EVENT_INVALID');
        expect(problem?.reason).toContain(`invalid OrderPlaced event (stream ${entries[bad]?.streamId}, revision 0)`);
        expect(problem?.reason).toContain('data.currency: "EUD" is not an ISO 4217 currency code');
        expect(await readAllEvents(store)).toEqual([]);
      });
    });

    it('reports every bad event, not only the first, and leaves out the later events of a bad stream', async () => {
      await withStore(harness, async (store) => {
        const entries = history(8);
        entries[1] = { ...(entries[1] as ImportEvent<Line>), data: { at: 'yesterday', sku: 'I', delta: 1 } };
        entries[12] = withCurrency(entries[12] as ImportEvent<Line>, 'eur');
        const report = await importHistory(store, inBatches(entries, 4));
        const lines = report.problems.map((problem) => (problem.source as Line).line);
        // Line 2 is the stock stream's first event: all its later events (every even line) go with it.
        expect(lines).toEqual([2, 4, 6, 8, 10, 12, 13, 14, 16]);
        expect(report.problems[1]?.reason).toMatch(/left out: an earlier event of stock-I\d+ was refused/);
        expect(await readAllEvents(store)).toEqual([]);
      });
    });

    it('with skipInvalid, writes the rest and reports what it left out', async () => {
      await withStore(harness, async (store) => {
        const entries = history(5);
        entries[5] = {
          ...(entries[5] as ImportEvent<Line>),
          data: { at: '2026-03-02T09:00:00Z', sku: 'I', delta: 0, reason: 'other' },
        };
        const report = await importHistory(store, inBatches(entries, 3), { skipInvalid: true });
        const lines = report.problems.map((problem) => (problem.source as Line).line);
        expect(lines).toEqual([6, 8, 10]);
        expect(report.problems[0]?.reason).toContain('data.delta: an adjustment must move at least one unit');
        const kept = entries.filter((_, index) => !lines.includes(index + 1));
        expect(report).toMatchObject({ written: kept.length, committed: true });
        expect((await contents(store)).map((event) => event.eventId)).toEqual(kept.map((event) => event.eventId));
      });
    });

    it('does not clobber a stream the store holds: a different event at a revision is a conflict', async () => {
      await withStore(harness, async (store) => {
        const entries = history(4);
        const target = entries[4] as ImportEvent<Line>;
        await store.appendToStream(target.streamId, [orderPlaced('someone-else')], { expectedRevision: 'no_stream' });
        const before = await contents(store);
        const report = await importHistory(store, inBatches(entries, 3));
        expect(report.problems[0]).toMatchObject({ source: { line: 5 }, code: 'CONCURRENCY_CONFLICT' });
        expect(report.problems[0]?.reason).toBe(
          `stream ${target.streamId}: expected revision no_stream, but it is at 0`,
        );
        if (supportsBulkImport(store)) {
          // One transaction: nothing of the import is kept.
          expect(report.committed).toBe(false);
          expect(await contents(store)).toEqual(before);
        } else {
          // Found while appending: what came before stays, and the report says it stopped.
          expect(report).toMatchObject({ stopped: true, written: 4 });
          expect((await contents(store)).slice(1).map((event) => event.eventId)).toEqual(
            entries.slice(0, 4).map((event) => event.eventId),
          );
        }
      });
    });

    it('refuses an id used elsewhere, and a revision that skips one', async () => {
      await withStore(harness, async (store) => {
        const taken = stockAdjusted('ELSEWHERE');
        await store.appendToStream('stock-ELSEWHERE', [taken]);
        const [first, second] = history(1);
        if (first === undefined || second === undefined) throw new Error('no history');
        // A store that recognises ids per stream only (EventStoreDB) cannot see a clash elsewhere.
        if (store.capabilities.uniqueEventIds) {
          const clash = await importHistory(store, inBatches([{ ...second, eventId: taken.eventId }, first]));
          expect(clash.problems[0]).toMatchObject({ source: { line: 2 }, code: 'DUPLICATE_EVENT_ID' });
          expect(clash.problems[0]?.reason).toContain(`was already written to stock-ELSEWHERE at revision 0`);
        }
        const gap = await importHistory(store, inBatches([{ ...first, revision: 1 }]));
        expect(gap.problems[0]).toMatchObject({ source: { line: 1 }, code: 'CONCURRENCY_CONFLICT' });
        expect(gap.problems[0]?.reason).toBe(`stream ${first.streamId}: expected revision 0, but it is at no_stream`);
        const inFile = await importHistory(
          store,
          inBatches([first, { ...second, revision: 0 }, { ...second, revision: 2 }]),
        );
        expect(inFile.problems.map((problem) => problem.code)).toEqual(['CONCURRENCY_CONFLICT']);
        expect((await contents(store)).map((event) => event.eventId)).toEqual([taken.eventId]);
      });
    });

    it('reports what could not be read, and leaves out the rest of its stream', async () => {
      await withStore(harness, async (store) => {
        const entries: ImportEntry<Line>[] = history(3);
        const stream = (entries[1] as ImportEvent<Line>).streamId;
        entries[1] = { unreadable: 'not JSON', streamId: stream, source: { line: 2 } };
        const refused = await importHistory(store, inBatches([...entries.slice(2), entries[1] as ImportEntry<Line>]));
        expect(refused).toMatchObject({ committed: false, written: 0, problems: [{ reason: 'not JSON' }] });
        expect(await readAllEvents(store)).toEqual([]);
        const report = await importHistory(store, inBatches(entries), { skipInvalid: true });
        expect(report.problems.map((problem) => [(problem.source as Line).line, problem.reason])).toEqual([
          [2, 'not JSON'],
          [4, `left out: an earlier event of ${stream} was refused`],
          [6, `left out: an earlier event of ${stream} was refused`],
        ]);
        expect(await readAllEvents(store)).toHaveLength(3);
      });
    });
  });

  describe(`${harness.name}: an import session, where the store has one`, () => {
    it('shows readers nothing until it commits, and a refused batch undoes only itself', async () => {
      await withStore(harness, async (store) => {
        if (!supportsBulkImport(store)) return;
        const entries = history(4);
        const session = await store.beginImport();
        expect(await session.write(entries.slice(0, 4))).toEqual({ written: 4, alreadyThere: 0 });
        expect(await readAllEvents(store)).toEqual([]);
        const bad = entries.slice(4).map((entry, index) => (index === 1 ? { ...entry, type: 'Teleported' } : entry));
        const refused = await session.write(bad).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(ImportRefusedError);
        expect(refused).toMatchObject({ index: 1, reason: { code: 'EVENT_UNKNOWN_TYPE' } });
        await session.commit();
        expect((await contents(store)).map((event) => event.eventId)).toEqual(
          entries.slice(0, 4).map((event) => event.eventId),
        );
      });
    });

    it('keeps the global order: an append made during an import lands after it', async () => {
      await withStore(harness, async (store) => {
        if (!supportsBulkImport(store)) return;
        const entries = history(3);
        const session = await store.beginImport();
        await session.write(entries);
        const meanwhile: NewEvent = stockAdjusted('MEANWHILE');
        const appended = store.appendToStream('stock-MEANWHILE', [meanwhile]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await session.commit();
        await appended;
        expect((await readAllEvents(store)).map((event) => event.eventId)).toEqual([
          ...entries.map((event) => event.eventId),
          meanwhile.eventId,
        ]);
      });
    });

    it('keeps nothing after a rollback, and lets the store be used again', async () => {
      await withStore(harness, async (store) => {
        if (!supportsBulkImport(store)) return;
        const session = await store.beginImport();
        await session.write(history(2));
        await session.rollback();
        await session.rollback();
        expect(await readAllEvents(store)).toEqual([]);
        await store.appendToStream('s', [stockAdjusted()]);
        const report = await importHistory(store, inBatches(history(2)));
        expect(report.written).toBe(4);
        expect(await readAllEvents(store)).toHaveLength(5);
      });
    });
  });
}
