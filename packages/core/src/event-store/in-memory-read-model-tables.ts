import { assertCheckpointExpected, type ProjectionCheckpoint } from './checkpoints';
import type { KeptReadModelStatus, KeptRowFilter, ReadModelCommit, ReadModelTables } from './read-model-tables';

interface StoredRow {
  readonly json: string;
  readonly indexes: readonly (string | null)[];
}

/** Where the in-memory tables find and keep checkpoints: the store's own. */
export interface CheckpointCells {
  get(name: string): ProjectionCheckpoint | undefined;
  set(name: string, checkpoint: ProjectionCheckpoint): void;
  delete(name: string): void;
}

function byKey(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Kept read models in memory, as JSON rows like the SQL stores keep them: what is read back is a
 * copy, never the folding state itself, so a missed `touch` shows here as it would on disk.
 */
export class InMemoryReadModelTables implements ReadModelTables {
  readonly #models = new Map<string, Map<string, Map<string, StoredRow>>>();
  readonly #checkpoints: CheckpointCells;

  constructor(checkpoints: CheckpointCells) {
    this.#checkpoints = checkpoints;
  }

  async status(model: string): Promise<KeptReadModelStatus | undefined> {
    const checkpoint = this.#checkpoints.get(model);
    return checkpoint === undefined ? undefined : { position: checkpoint.position, version: checkpoint.version };
  }

  async row(model: string, collection: string, key: string): Promise<string | undefined> {
    return this.#collection(model, collection)?.get(key)?.json;
  }

  async rowsByKey(model: string, collection: string, keys: readonly string[]): Promise<[string, string][]> {
    const rows = this.#collection(model, collection);
    const found: [string, string][] = [];
    for (const key of new Set(keys)) {
      const row = rows?.get(key);
      if (row !== undefined) found.push([key, row.json]);
    }
    return found.sort(byKey);
  }

  async rows(model: string, collection: string, filter?: KeptRowFilter): Promise<[string, string][]> {
    const wanted = filter === undefined ? undefined : new Set(filter.values);
    const found: [string, string][] = [];
    for (const [key, row] of this.#collection(model, collection) ?? []) {
      if (filter !== undefined && wanted !== undefined) {
        const value = row.indexes[filter.index];
        if (value === null || value === undefined || !wanted.has(value)) continue;
      }
      found.push([key, row.json]);
    }
    return found.sort(byKey);
  }

  async commit(model: string, commit: ReadModelCommit): Promise<void> {
    const current = this.#checkpoints.get(model);
    assertCheckpointExpected(model, commit, current?.position);
    if (commit.reset) this.#models.delete(model);
    let collections = this.#models.get(model);
    if (collections === undefined) {
      collections = new Map();
      this.#models.set(model, collections);
    }
    for (const { collection, key } of commit.deletes) collections.get(collection)?.delete(key);
    for (const { collection, key, json, indexes } of commit.writes) {
      let rows = collections.get(collection);
      if (rows === undefined) {
        rows = new Map();
        collections.set(collection, rows);
      }
      rows.set(key, { json, indexes: [...indexes] });
    }
    this.#checkpoints.set(model, { name: model, position: commit.position, version: commit.version });
  }

  async drop(model: string): Promise<void> {
    this.#models.delete(model);
    this.#checkpoints.delete(model);
  }

  #collection(model: string, collection: string): Map<string, StoredRow> | undefined {
    return this.#models.get(model)?.get(collection);
  }
}
