import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import {
  type EventStore,
  type ImportEntry,
  type ImportProblem,
  type ImportReport,
  importHistory,
  streamKindOf,
  supportsBulkImport,
} from '@order-ledger/core';
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
  if (statSync(file).isDirectory()) throw new UserError(`${file} is a folder: give the history file in it`);
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
  /**
   * Whether the store told events it already held from new ones: SQLite and PostgreSQL do; on
   * EventStoreDB and in memory a re-run's events are recognised (not written twice) but counted
   * in `appended`.
   */
  readonly toldApart: boolean;
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
  if (statSync(file).isDirectory()) throw new UserError(`${file} is a folder: give the history file in it`);
  const size = statSync(file).size;
  // Measured in bytes read (the file is streamed, its events are not counted ahead), shown in events.
  const bar = progress('importing', 'events', size, 1 << 20);
  let events = 0;
  let report: ImportReport<RowSource>;
  try {
    report = await importHistory(store, () => entriesOf(file, format, (bytes) => bar.increment(bytes, events)), {
      skipInvalid: options.skipInvalid,
      onBatch: (entries) => {
        events += entries;
      },
    });
  } finally {
    bar.stop();
  }
  const clashes = await streamsInStore(store, report.problems);
  const skipped = report.problems.map((problem) =>
    describeProblem(file, { ...(problem.source ?? { line: 0 }), reason: inUsersWords(problem, clashes) }),
  );
  if (report.stopped) {
    throw new UserError(
      `import stopped at ${skipped.at(-1) ?? file}\n  ${report.written} event(s) before it were imported; ` +
        'fix the cause and run the import again: what is there already is recognised and skipped',
    );
  }
  if (!report.committed) refuse(skipped);
  return {
    format,
    appended: report.written,
    alreadyThere: report.alreadyThere,
    toldApart: supportsBulkImport(store),
    skipped,
  };
}

/**
 * What an import did, in one line: how many events the file held and how many of them were new;
 * a file imported before says nothing new was added.
 */
export function importSummary(file: string, outcome: ImportOutcome): string {
  const total = outcome.appended + outcome.alreadyThere;
  const events = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'event' : 'events'}`;
  if (total === 0 && outcome.skipped.length === 0) return `Nothing imported: ${file} holds no events.`;
  if (!outcome.toldApart) {
    return `Imported ${events(total)} from ${file} (${outcome.format}); this store does not say which were new (any it already held were not written twice).`;
  }
  if (outcome.appended === 0 && total > 0) {
    return `Nothing new: all ${events(total)} of ${file} are already in this store.`;
  }
  const there = outcome.alreadyThere === 0 ? '' : `; ${events(outcome.alreadyThere)} were already in this store`;
  return `Imported ${events(total)} from ${file} (${outcome.format}): ${outcome.appended.toLocaleString('en-US')} new${there}.`;
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

/**
 * The streams of revision conflicts that the store held before this import: those conflicts are
 * clashes with what is there. A conflict on a stream the store never held is the file's own (its
 * revisions skip one).
 */
async function streamsInStore(store: EventStore, problems: readonly ImportProblem[]): Promise<Set<string>> {
  const conflicted = new Set(
    problems.filter((problem) => problem.code === 'CONCURRENCY_CONFLICT').map((problem) => problem.streamId ?? ''),
  );
  const held = new Set<string>();
  for (const streamId of conflicted) {
    if (streamId !== '' && (await store.readStream(streamId)).length > 0) held.add(streamId);
  }
  return held;
}

/** A problem as the person importing thinks of it: orders and stock, not streams and revisions. */
function inUsersWords(problem: ImportProblem, clashes: ReadonlySet<string>): string {
  if (problem.code !== 'CONCURRENCY_CONFLICT' || problem.streamId === undefined) return problem.reason;
  const { streamId } = problem;
  const kind = streamKindOf(streamId);
  const what =
    kind === 'order'
      ? `order ${streamId.slice('order-'.length)}`
      : kind === 'stock'
        ? `the stock of ${streamId.slice('stock-'.length)}`
        : streamId;
  return clashes.has(streamId)
    ? `${what} is already in this store with different events (imported from another file, or written since)`
    : `${what}: this event does not follow the one before it in the file (an event is missing or out of order)`;
}

function refuse(problems: readonly string[]): never {
  const shown = problems.slice(0, 20).join('\n  ');
  const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
  throw new UserError(
    `nothing imported: ${problems.length} bad row(s); fix them, or pass --skip-invalid to import the rest\n  ${shown}${more}`,
  );
}
