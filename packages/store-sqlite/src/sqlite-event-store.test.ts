import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killWriterAndCheck, readAllEvents, stockAdjusted } from '@order-ledger/store-conformance';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from './migrations';
import { SqliteEventStore } from './sqlite-event-store';

const folder = mkdtempSync(join(tmpdir(), 'order-ledger-sqlite-own-'));
let count = 0;
const freshFile = () => join(folder, `own-${++count}.db`);
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

describe('SqliteEventStore', () => {
  it('writes a real file in WAL mode, and reads it back after reopening', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const event = stockAdjusted();
    await store.appendToStream('stock-MUG', [event]);
    await store.close();
    const again = SqliteEventStore.open(file);
    expect((await again.readStream('stock-MUG')).map((e) => e.eventId)).toEqual([event.eventId]);
    await again.close();
  });

  it('creates its schema at the latest version, and refuses a file from a newer version', async () => {
    const file = freshFile();
    await SqliteEventStore.open(file).close();
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    expect(() => SqliteEventStore.open(file)).toThrow(
      expect.objectContaining({ code: 'SCHEMA_TOO_NEW', message: expect.stringContaining('upgrade the package') }),
    );
  });

  it('commits a read model and its checkpoint together, or neither', async () => {
    const store = SqliteEventStore.open(freshFile());
    store.db.exec('CREATE TABLE board (order_id TEXT PRIMARY KEY, status TEXT NOT NULL)');
    store.transaction((tx) => {
      tx.db.prepare('INSERT INTO board VALUES (?, ?)').run('o1', 'received');
      tx.saveCheckpoint('board', 1, { version: 1, expected: null });
    });
    expect(() =>
      store.transaction((tx) => {
        tx.db.prepare('INSERT INTO board VALUES (?, ?)').run('o2', 'received');
        tx.saveCheckpoint('board', 2, { version: 1, expected: 1 });
        throw new Error('the projection failed half-way');
      }),
    ).toThrow('half-way');
    expect(store.db.prepare('SELECT order_id FROM board').pluck().all()).toEqual(['o1']);
    expect(await store.checkpoints.loadCheckpoint('board')).toEqual({ name: 'board', position: 1, version: 1 });
    await store.close();
  });

  it('reports a foreign writer’s unknown or invalid event with its stream and revision', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    await store.appendToStream('order-1', [stockAdjusted()]);
    const insert = store.db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
       VALUES (?, ?, ?, ?, ?, '{}', 1, '2026-03-02T09:00:00Z')`,
    );
    insert.run('order-1', 1, 'foreign-1', 'OrderTeleported', '{}');
    await expect(readAllEvents(store)).rejects.toThrow(
      /unknown event type "OrderTeleported" \(stream order-1, revision 1\)/,
    );
    await store.close();

    const strict = SqliteEventStore.open(file, { readValidation: 'full' });
    strict.db.prepare('DELETE FROM events WHERE event_id = ?').run('foreign-1');
    strict.db
      .prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
         VALUES ('order-2', 0, 'foreign-2', 'Paid', ?, '{}', 1, '2026-03-02T09:00:00Z')`,
      )
      .run(
        JSON.stringify({
          at: '2026-03-02T09:00:00Z',
          paymentId: 'p',
          amount: { amount: 5, currency: 'EUD' },
          method: 'card',
        }),
      );
    await expect(strict.readStream('order-2')).rejects.toThrow(
      /invalid Paid event \(stream order-2, revision 0\): data\.amount\.currency/,
    );
    await strict.close();
  });

  it('keeps every acknowledged append, and no half append, when the writer is killed with SIGKILL', async () => {
    const file = freshFile();
    const result = await killWriterAndCheck({
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        '--conditions=@order-ledger/source',
        'packages/store-sqlite/src/testing/kill-writer.fixture.ts',
        file,
      ],
      cwd: repoRoot,
      reopen: async () => SqliteEventStore.open(file),
    });
    expect(result.acknowledged).toBeGreaterThanOrEqual(150);
  });
});
