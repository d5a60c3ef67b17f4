/**
 * A process for the first-open race test: prints `ready`, then for each line on stdin (a file
 * name) opens that file as a store, appends one event, closes it, and answers `ok` or
 * `error <message>`. The test sends every process the same new file at once.
 */
import { createInterface } from 'node:readline';
import { SqliteEventStore } from '../sqlite-event-store';

process.stdout.write('ready\n');
for await (const file of createInterface({ input: process.stdin })) {
  try {
    const store = SqliteEventStore.open(file);
    await store.appendToStream(`stock-P${process.pid}`, [
      {
        eventId: `first-open-${process.pid}`,
        type: 'StockAdjusted',
        data: { at: '2026-03-02T09:00:00Z', sku: `P${process.pid}`, delta: 1, reason: 'received' },
      },
    ]);
    await store.close();
    process.stdout.write('ok\n');
  } catch (error) {
    process.stdout.write(`error ${String(error).replaceAll('\n', ' ')}\n`);
  }
}
