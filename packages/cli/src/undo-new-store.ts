import { existsSync, rmSync } from 'node:fs';

/** The SQLite file a URL names, if it names one. */
function sqliteFileOf(url: string): string | undefined {
  if (!url.startsWith('sqlite:')) return undefined;
  const file = url.slice('sqlite:'.length);
  return file === '' || file === ':memory:' ? undefined : file;
}

/**
 * Runs `work`, which may create the SQLite file `url` names; if it fails and the file was not
 * there before, the file (and SQLite's `-wal` and `-shm` beside it) is removed: a failed import
 * leaves no empty ledger behind to be mistaken for a real one.
 */
export async function withNewStoreUndoneOnFailure<T>(url: string, work: () => Promise<T>): Promise<T> {
  const file = sqliteFileOf(url);
  const isNew = file !== undefined && !existsSync(file);
  try {
    return await work();
  } catch (error) {
    if (isNew && file !== undefined) {
      for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
    }
    throw error;
  }
}
