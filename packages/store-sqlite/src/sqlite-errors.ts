import { StoreCannotOpenError, StoreNotFoundError, StoreReadOnlyError } from '@order-ledger/core';

/**
 * What SQLite says when a file cannot be opened or written, in words that name the file: a user's
 * mistake (a path to something else, a read-only folder) is told as such, never as a crash.
 */
export function sqliteErrorInWords(error: unknown, file: string): unknown {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'SQLITE_NOTADB') return new StoreNotFoundError(file, 'the file is not a SQLite database');
  if (code === 'SQLITE_CANTOPEN') {
    return new StoreCannotOpenError(`cannot open ${file}: the file or its folder cannot be opened for writing`, {
      cause: error,
    });
  }
  if (code === 'SQLITE_READONLY') {
    return new StoreReadOnlyError(`${file} is read-only: the ledger cannot write to it`, { cause: error });
  }
  return error;
}
