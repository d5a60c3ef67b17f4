import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@order-ledger/core';
import { buildWorkload, type Workload } from '@order-ledger/core/testing';
import { writeJsonl } from '@order-ledger/store-jsonl';
import { SqliteEventStore } from '@order-ledger/store-sqlite';
import { recordedHistory } from '../replay/recorded-history';
import { loadThroughStore } from '../stores/load-through-store';
import type { PostgresScratch } from '../stores/postgres-scratch';
import type { BenchSizes } from './bench-sizes';

/**
 * What every group of rows shares in one run: the sizes, a scratch folder, PostgreSQL schemas,
 * and the expensive inputs, built once and handed out (the 100,000-order workload takes about
 * half a minute to build).
 */
export class BenchContext {
  readonly sizes: BenchSizes;
  readonly folder: string;
  /** The PostgreSQL scratch space, or why there is none (no server answered). */
  readonly #postgres: PostgresScratch | string;
  readonly #workloads = new Map<number, Workload>();
  readonly #recorded = new Map<number, RecordedEvent[]>();
  readonly #files = new Map<string, string>();
  #copies = 0;

  constructor(sizes: BenchSizes, folder: string, postgres: PostgresScratch | string) {
    this.sizes = sizes;
    this.folder = folder;
    this.#postgres = postgres;
  }

  /** The PostgreSQL scratch space; throws why there is none (the group's rows then say so). */
  requirePostgres(): PostgresScratch {
    if (typeof this.#postgres === 'string') throw new Error(this.#postgres);
    return this.#postgres;
  }

  log(line: string): void {
    process.stderr.write(`${line}\n`);
  }

  /** The synthetic history of `orders` orders (`syntheticHistory` through `buildWorkload`), built once. */
  workload(orders: number): Workload {
    let workload = this.#workloads.get(orders);
    if (workload === undefined) {
      this.log(`  building the ${orders.toLocaleString('en-US')}-order history…`);
      workload = buildWorkload(orders);
      this.#workloads.set(orders, workload);
    }
    return workload;
  }

  /** The same history as recorded events, positions 1…n. */
  recorded(orders: number): RecordedEvent[] {
    let events = this.#recorded.get(orders);
    if (events === undefined) {
      events = recordedHistory(this.workload(orders));
      this.#recorded.set(orders, events);
    }
    return events;
  }

  /** The history as a JSONL file (`order-ledger export` writes the same lines). Shared: read it, never change it. */
  async historyFile(orders: number): Promise<string> {
    const key = `jsonl:${orders}`;
    const known = this.#files.get(key);
    if (known !== undefined) return known;
    const file = join(this.folder, `history-${orders}.jsonl`);
    await writeJsonl(file, this.recorded(orders));
    this.#files.set(key, file);
    return file;
  }

  /**
   * A SQLite file of its own holding `orders` orders, every event written through our store
   * (`loadThroughStore`), as a shop's file would be. The first call writes a
   * template; each call returns a fresh copy of it, so a row may write to its store freely.
   */
  async sqliteStore(orders: number): Promise<string> {
    const key = `sqlite:${orders}`;
    let template = this.#files.get(key);
    if (template === undefined) {
      template = join(this.folder, `template-${orders}.db`);
      this.log(`  writing ${orders.toLocaleString('en-US')} orders through the SQLite store…`);
      const store = SqliteEventStore.open(template);
      await loadThroughStore(store, this.workload(orders));
      await store.close();
      this.#files.set(key, template);
    }
    this.#copies += 1;
    const copy = join(this.folder, `store-${orders}-${this.#copies}.db`);
    copyFileSync(template, copy);
    if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, `${copy}-wal`);
    return copy;
  }
}
