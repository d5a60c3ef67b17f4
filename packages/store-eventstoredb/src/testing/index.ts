/**
 * @order-ledger/store-eventstoredb/testing: an in-process, protocol-level EventStoreDB test
 * server for tests that drive the real client without a real server. See the header of
 * `esdb-test-server.ts` for what it implements and what it does not.
 */
export { EsdbTestServer, type EsdbTestServerOptions } from './esdb-test-server';
export { type LogRecord, TestLog } from './test-log';
