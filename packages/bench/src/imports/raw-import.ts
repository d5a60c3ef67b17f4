/**
 * The import row's baseline, run as a process of its own (as `order-ledger import` is): the least
 * a program can do to put an exported history into our tables. It reads the file line by line,
 * parses each line, and inserts rows in batches of 5,000 (one transaction per batch on SQLite,
 * one multi-row INSERT on PostgreSQL). No check of any kind: that is what makes it the floor.
 *
 *   node packages/bench/dist/raw-import.js <file.jsonl> sqlite <db file>
 *   node packages/bench/dist/raw-import.js <file.jsonl> postgres <url> <schema>
 *
 * The target's tables must exist (the parent makes them with our migrations).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

interface Line {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
}

type Writer = { write(batch: readonly Line[]): Promise<void> | void; close(): Promise<void> | void };

function sqliteWriter(file: string): Writer {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const write = db.transaction((batch: readonly Line[]) => {
    for (const e of batch) {
      insert.run(
        e.streamId,
        e.revision,
        e.eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        e.schemaVersion,
        e.recordedAt,
      );
    }
  });
  return { write: (batch) => write.immediate(batch), close: () => void db.close() };
}

async function postgresWriter(url: string, schema: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  const sql = `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
    SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::int[], $8::timestamptz[])`;
  return {
    write: async (batch) => {
      await client.query(sql, [
        batch.map((e) => e.streamId),
        batch.map((e) => e.revision),
        batch.map((e) => e.eventId),
        batch.map((e) => e.type),
        batch.map((e) => JSON.stringify(e.data)),
        batch.map((e) => JSON.stringify(e.metadata)),
        batch.map((e) => e.schemaVersion),
        batch.map((e) => e.recordedAt),
      ]);
    },
    close: () => client.end(),
  };
}

const [file, kind, target, schema] = process.argv.slice(2);
if (file === undefined || target === undefined || (kind !== 'sqlite' && kind !== 'postgres')) {
  throw new Error('usage: raw-import.js <file.jsonl> sqlite <db file> | postgres <url> <schema>');
}
const writer = kind === 'sqlite' ? sqliteWriter(target) : await postgresWriter(target, schema ?? 'public');
let batch: Line[] = [];
let count = 0;
for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
  if (text === '') continue;
  batch.push(JSON.parse(text) as Line);
  if (batch.length === 5000) {
    await writer.write(batch);
    count += batch.length;
    batch = [];
  }
}
if (batch.length > 0) await writer.write(batch);
count += batch.length;
await writer.close();
process.stdout.write(`${count}\n`);
