import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { type EventStore, type ImportEntry, type ImportReport, importHistory } from '@order-ledger/core';
import { UserError } from '../cli-error';
import { readJsonlEntries } from '../import/jsonl-import';
import { describeProblem, type RowSource } from '../import/row-error';
import { readShopifyEntries } from '../import/shopify-csv';
import { progress } from '../progress';

export type ImportFormat = 'jsonl' | 'shopify-csv';

/** Guesses the format from the name, then from the first bytes. */
export function guessFormat(file: string, firstLine: string): ImportFormat {
  if (/\.jsonl?$/i.test(file) || firstLine.trimStart().startsWith('{')) return 'jsonl';
  if (/\.csv$/i.test(file) || firstLine.includes('Financial Status')) return 'shopify-csv';
  throw new UserError(`cannot tell the format of ${file}: pass --format jsonl or --format shopify-csv`);
}

/** The first line of a file, from its first few kilobytes: enough to guess the format, never the whole file. */
export function firstLineOf(file: string): string {
  if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read).toString('utf8').split('\n')[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

export interface ImportOutcome {
  readonly format: ImportFormat;
  /** Events this run wrote. */
  readonly appended: number;
  /** Events the store already held: a file imported before (counted as appended on EventStoreDB and in memory). */
  readonly alreadyThere: number;
  readonly skipped: readonly string[];
}

/**
 * Imports a file into the store, streaming it. On SQLite and PostgreSQL the import is one
 * transaction: with a bad row and no `--skip-invalid` nothing is kept, and every bad row is still
 * reported. Elsewhere every row is checked before anything is written. Importing the same file
 * twice adds nothing.
 */
export async function importFile(
  store: EventStore,
  file: string,
  format: ImportFormat,
  options: { readonly skipInvalid: boolean },
): Promise<ImportOutcome> {
  if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
  const size = statSync(file).size;
  const bar = progress('importing', size, 1 << 20);
  let report: ImportReport<RowSource>;
  try {
    report = await importHistory(store, () => entriesOf(file, format, bar.increment), {
      skipInvalid: options.skipInvalid,
    });
  } finally {
    bar.stop();
  }
  const skipped = report.problems.map((problem) =>
    describeProblem(file, { ...(problem.source ?? { line: 0 }), reason: problem.reason }),
  );
  if (report.stopped) {
    throw new UserError(
      `import stopped at ${skipped.at(-1) ?? file}\n  ${report.written} event(s) before it were imported; ` +
        'fix the cause and run the import again: what is there already is recognised and skipped',
    );
  }
  if (!report.committed) refuse(skipped);
  return { format, appended: report.written, alreadyThere: report.alreadyThere, skipped };
}

/** The file's entries a batch at a time; progress in bytes (roughly: characters for JSONL). */
function entriesOf(
  file: string,
  format: ImportFormat,
  advance: (by: number) => void,
): AsyncIterable<ImportEntry<RowSource>[]> {
  if (format === 'jsonl') return readJsonlEntries(file, advance);
  let done = 0;
  return readShopifyEntries(file, (bytes) => {
    advance(bytes - done);
    done = bytes;
  });
}

function refuse(problems: readonly string[]): never {
  const shown = problems.slice(0, 20).join('\n  ');
  const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
  throw new UserError(
    `nothing imported: ${problems.length} bad row(s); fix them, or pass --skip-invalid to import the rest\n  ${shown}${more}`,
  );
}
