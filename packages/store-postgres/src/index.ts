/**
 * @order-ledger/store-postgres: the ledger on a PostgreSQL server.
 */
export { latestSchemaVersion, migrations, SchemaTooNewError } from './migrations';
export {
  lockKeyFor,
  PostgresEventStore,
  type PostgresEventStoreOptions,
  type PostgresTransaction,
} from './postgres-event-store';
export { InvalidSchemaNameError, maxSchemaNameBytes } from './schema-name';
