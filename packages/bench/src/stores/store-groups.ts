import type { BenchGroup } from '../run/bench-group';
import { rateRow } from '../table/make-row';
import { measurePostgresVsRaw } from './postgres-vs-raw';
import { measureSqliteVsRaw } from './sqlite-vs-raw';
import type { StoreComparisons } from './store-comparisons';

const rowsOf = (store: 'sqlite' | 'postgres', driver: string) =>
  [
    { id: `${store}.append.single`, operation: `${label(store)} single-event append vs raw ${driver}` },
    { id: `${store}.append.whole-order`, operation: `${label(store)} whole-order append vs raw ${driver}` },
    { id: `${store}.read-all`, operation: `${label(store)} read all and fold vs raw ${driver}` },
  ] as const;

const label = (store: 'sqlite' | 'postgres') => (store === 'sqlite' ? 'SQLite' : 'PostgreSQL');

const toRows = (store: 'sqlite' | 'postgres', driver: string, measured: StoreComparisons, note: string) => {
  const [single, whole, read] = rowsOf(store, driver);
  return [
    rateRow({ ...single, note }, measured.single),
    rateRow(whole, measured.wholeOrder),
    rateRow(read, measured.readAll),
  ];
};

export const sqliteVsRaw: BenchGroup = {
  key: 'sqlite',
  rows: rowsOf('sqlite', 'better-sqlite3'),
  async run(context) {
    const { sqlite, orders, readRounds } = context.sizes;
    const measured = await measureSqliteVsRaw(
      context.workload(orders),
      { ...sqlite, rounds: readRounds },
      context.folder,
    );
    return toRows(
      'sqlite',
      'better-sqlite3',
      measured,
      'appends timed one by one, ours and raw alternating, medians; WAL, synchronous=NORMAL on both sides',
    );
  },
};

export const postgresVsRaw: BenchGroup = {
  key: 'postgres',
  rows: rowsOf('postgres', 'pg'),
  async run(context) {
    const { postgres, orders, readRounds } = context.sizes;
    const scratch = context.requirePostgres();
    const measured = await measurePostgresVsRaw(context.workload(orders), { ...postgres, rounds: readRounds }, scratch);
    return toRows(
      'postgres',
      'pg',
      measured,
      'appends timed one by one, ours and raw alternating, medians; synchronous_commit on for both',
    );
  },
};
