import { existsSync, rmSync } from 'node:fs';
import type { EventStore } from '@order-ledger/core';
import { UserError } from '../cli-error';
import { demoYear } from '../demo/demo-year';
import { openStore } from '../store-url';
import { writeAppends } from './write-appends';

/**
 * Writes the demo year into the store. An SQLite file that holds only an earlier demo is started
 * afresh; a store holding anything else is left alone, so the demo never overwrites real orders.
 */
export async function runDemo(
  url: string,
  options: { readonly seed: number; readonly orders: number },
): Promise<{ store: EventStore; events: number; to: string }> {
  if (!Number.isSafeInteger(options.orders) || options.orders < 10)
    throw new UserError('--orders needs a whole number of at least 10');
  let store = await openStore(url, { create: true });
  let existing = 0;
  let foreign = 0;
  for await (const event of store.readAll()) {
    existing += 1;
    if (event.metadata.actor !== 'demo') foreign += 1;
    if (foreign > 0) break;
  }
  if (foreign > 0) {
    await store.close();
    throw new UserError(
      `${url} already holds orders that are not the demo's: run the demo with --store sqlite:./demo.db`,
    );
  }
  if (existing > 0) {
    await store.close();
    const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : undefined;
    if (file === undefined || !existsSync(file))
      throw new UserError(`${url} already holds a demo: point --store at an empty store`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    store = await openStore(url, { create: true });
  }
  const year = demoYear(options);
  const events = await writeAppends(store, year.appends, {
    idPrefix: `demo-${options.seed}-`,
    actor: 'demo',
    label: 'writing the demo year',
  });
  return { store, events, to: year.to };
}
