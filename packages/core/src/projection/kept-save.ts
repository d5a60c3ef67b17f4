import type { KeptRowDelete, KeptRowWrite } from '../event-store/read-model-tables';
import { collectionsOf, type KeptState } from './kept-collection';

/** The rows a save writes and deletes: every key changed since the last save, and only those. */
export function changedRows(state: KeptState): { writes: KeptRowWrite[]; deletes: KeptRowDelete[] } {
  const writes: KeptRowWrite[] = [];
  const deletes: KeptRowDelete[] = [];
  for (const [collection, kept] of collectionsOf(state)) {
    for (const key of kept.takeChanges()) {
      const value = kept.get(key);
      if (value === undefined) deletes.push({ collection, key });
      else writes.push({ collection, key, json: JSON.stringify(value), indexes: kept.indexValuesOf(value) });
    }
  }
  return { writes, deletes };
}

/** Starts tracking changes on every collection of a state a runner keeps in tables. */
export function trackChanges(state: KeptState): void {
  for (const [, kept] of collectionsOf(state)) kept.trackChanges();
}
