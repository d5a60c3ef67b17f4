import type { BenchGroup } from '../run/bench-group';
import type { StoreComparisons } from '../stores/store-comparisons';
import { rateRow } from '../table/make-row';
import { measurePostgresVsEmmett } from './postgres-vs-emmett';
import { measureSqliteVsEmmett } from './sqlite-vs-emmett';

const sqliteRows = [
  { id: 'emmett.sqlite.append.single', operation: 'SQLite single-event append: ours vs Emmett 0.42' },
  {
    id: 'emmett.sqlite.append.whole-order',
    operation: 'SQLite whole-order append: ours vs Emmett 0.42 (its appendToStream per stream, one transaction)',
  },
  { id: 'emmett.sqlite.read-all', operation: 'SQLite read all and fold: ours vs Emmett 0.42 (readMessagesBatch)' },
] as const;

const postgresRows = [
  { id: 'emmett.postgres.append.single', operation: 'PostgreSQL single-event append: ours vs Emmett 0.42' },
  {
    id: 'emmett.postgres.append.whole-order',
    operation: 'PostgreSQL whole-order append: ours vs Emmett 0.42 (one appendToStream per stream, not atomic)',
  },
  {
    id: 'emmett.postgres.read-all',
    operation: 'PostgreSQL read all and fold: ours vs Emmett 0.42 (readMessagesBatch)',
  },
] as const;

const toRows = (
  [single, whole, read]: typeof sqliteRows | typeof postgresRows,
  measured: StoreComparisons,
  note: string,
) => [
  rateRow({ ...single, note }, measured.single),
  rateRow(whole, measured.wholeOrder),
  rateRow(read, measured.readAll),
];

export const sqliteVsEmmett: BenchGroup = {
  key: 'emmett-sqlite',
  rows: sqliteRows,
  async run(context) {
    const { emmett, orders, readRounds } = context.sizes;
    const measured = await measureSqliteVsEmmett(
      context.workload(orders),
      { ...emmett.sqlite, rounds: readRounds },
      context.folder,
    );
    return toRows(
      sqliteRows,
      measured,
      'Emmett on one open connection (sqlite3 driver), WAL, synchronous=NORMAL as ours; the baseline column is Emmett',
    );
  },
};

export const postgresVsEmmett: BenchGroup = {
  key: 'emmett-postgres',
  rows: postgresRows,
  async run(context) {
    const { emmett, orders, readRounds } = context.sizes;
    const scratch = context.requirePostgres();
    const measured = await measurePostgresVsEmmett(
      context.workload(orders),
      { ...emmett.postgres, rounds: readRounds },
      scratch,
    );
    return toRows(
      postgresRows,
      measured,
      'Emmett in a database of its own on the same server, its default pool; the baseline column is Emmett',
    );
  },
};
