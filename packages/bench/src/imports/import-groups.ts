import type { BenchContext } from '../run/bench-context';
import type { BenchGroup } from '../run/bench-group';
import { rateRow } from '../table/make-row';
import { type ImportTargets, measureImportVsRaw, postgresImportTargets, sqliteImportTargets } from './import-vs-raw';

const note = 'each side a built program run as a process, start to exit, a fresh store each round';

async function importRow(
  context: BenchContext,
  row: { readonly id: string; readonly operation: string },
  orders: number,
  targets: ImportTargets,
) {
  const file = await context.historyFile(orders);
  const events = context.recorded(orders).length;
  const comparison = await measureImportVsRaw(file, events, targets, context.sizes.imports.rounds);
  return rateRow(
    { ...row, size: `${events.toLocaleString('en-US')} events (${orders.toLocaleString('en-US')} orders)`, note },
    comparison,
  );
}

const sqliteRow = {
  id: 'sqlite.import',
  operation: 'SQLite import of an exported history (order-ledger import) vs raw batched insert',
} as const;
const postgresRow = {
  id: 'postgres.import',
  operation: 'PostgreSQL import of an exported history (order-ledger import) vs raw batched insert',
} as const;

export const sqliteImport: BenchGroup = {
  key: 'import-sqlite',
  rows: [sqliteRow],
  async run(context) {
    return [
      await importRow(context, sqliteRow, context.sizes.imports.sqliteOrders, sqliteImportTargets(context.folder)),
    ];
  },
};

export const postgresImport: BenchGroup = {
  key: 'import-postgres',
  rows: [postgresRow],
  async run(context) {
    const scratch = context.requirePostgres();
    return [
      await importRow(context, postgresRow, context.sizes.imports.postgresOrders, postgresImportTargets(scratch)),
    ];
  },
};
