/** A writer process for the kill test: appends to the SQLite file named on the command line until killed. */
import { runKillWriter } from '@order-ledger/store-conformance';
import { SqliteEventStore } from '../sqlite-event-store';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: kill-writer.fixture.ts <file.db>');
await runKillWriter(SqliteEventStore.open(file));
