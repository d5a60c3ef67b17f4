/**
 * @order-ledger/store-sqlite: the embedded default store, one SQLite file.
 */
export { latestSchemaVersion, migrations, SchemaTooNewError } from './migrations';
export type { EventRow, ReadValidation } from './row-mapping';
export {
  defaultSqliteFile,
  SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteTransaction,
} from './sqlite-event-store';
