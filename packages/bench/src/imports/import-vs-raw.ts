/**
 * Importing an exported history: `order-ledger import <file> --store …` (the built binary) against
 * a raw batched insert of the same file (raw-import.ts, built the same way), each a process of its
 * own, into a fresh store whose tables our migrations made beforehand. Rounds alternate which side
 * goes first; the median of each side gives the rate. Both sides include their process start
 * (a fraction of a second idle, more on a busy machine), which weighs on a quick run's small file
 * and hardly at all on the full history.
 */
import { join } from 'node:path';
import { type Comparison, compare } from '@order-ledger/core/testing';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import { builtProgram, timedProcess } from '../run/child-process';
import { benchDatabaseUrl, type PostgresScratch } from '../stores/postgres-scratch';

/** A fresh target for each side of each round: where the CLI writes, and the raw script's arguments. */
export interface ImportTargets {
  fresh(): Promise<{ readonly storeUrl: string; readonly rawArgs: readonly string[] }>;
}

export function sqliteImportTargets(folder: string): ImportTargets {
  let files = 0;
  return {
    async fresh() {
      const file = join(folder, `import-${++files}.db`);
      SqliteEventStore.open(file).close();
      return { storeUrl: `sqlite:${file}`, rawArgs: ['sqlite', file] };
    },
  };
}

export function postgresImportTargets(scratch: PostgresScratch): ImportTargets {
  return {
    async fresh() {
      const store = await scratch.store();
      await store.close();
      const url = new URL(benchDatabaseUrl);
      url.searchParams.set('schema', store.schema);
      return { storeUrl: url.toString(), rawArgs: ['postgres', benchDatabaseUrl, store.schema] };
    },
  };
}

export async function measureImportVsRaw(
  file: string,
  events: number,
  targets: ImportTargets,
  rounds: number,
): Promise<Comparison> {
  const expectCount = (what: string, count: number) => {
    if (count !== events) throw new Error(`${what} wrote ${count} events of ${events}`);
  };
  return compare(
    'import',
    { rounds, count: events, unit: 'events' },
    async () => {
      const { storeUrl } = await targets.fresh();
      return async () => {
        const run = await timedProcess([builtProgram('cli'), 'import', file, '--store', storeUrl, '--json']);
        expectCount('order-ledger import', (JSON.parse(run.stdout) as { appended: number }).appended);
      };
    },
    async () => {
      const { rawArgs } = await targets.fresh();
      return async () => {
        const run = await timedProcess([builtProgram('raw-import'), file, ...rawArgs]);
        expectCount('the raw import', Number(run.stdout.trim()));
      };
    },
  );
}
