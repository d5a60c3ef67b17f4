/** A writer process for the kill test: appends to the PostgreSQL schema named on the command line until killed. */
import { runKillWriter } from '@order-ledger/store-conformance';
import { PostgresEventStore } from '../postgres-event-store';

const [connection, schema] = process.argv.slice(2);
if (connection === undefined || schema === undefined) throw new Error('usage: kill-writer.fixture.ts <url> <schema>');
await runKillWriter(await PostgresEventStore.open({ connection, schema, poolSize: 2 }));
