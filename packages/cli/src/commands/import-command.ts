import { existsSync } from 'node:fs';
import type { EventStore } from '@order-ledger/core';
import { UserError } from '../cli-error';
import { readJsonlImport } from '../import/jsonl-import';
import { describeProblem } from '../import/row-error';
import { readShopifyCsv } from '../import/shopify-csv';
import { progress } from '../progress';
import { writeAppends } from './write-appends';

export type ImportFormat = 'jsonl' | 'shopify-csv';

/** Guesses the format from the name, then from the first bytes. */
export function guessFormat(file: string, firstLine: string): ImportFormat {
  if (/\.jsonl?$/i.test(file) || firstLine.trimStart().startsWith('{')) return 'jsonl';
  if (/\.csv$/i.test(file) || firstLine.includes('Financial Status')) return 'shopify-csv';
  throw new UserError(`cannot tell the format of ${file}: pass --format jsonl or --format shopify-csv`);
}

export interface ImportOutcome {
  readonly format: ImportFormat;
  readonly appended: number;
  readonly skipped: readonly string[];
}

/**
 * Imports a file into the store. Every row is checked before anything is written: with a bad row
 * and no `--skip-invalid`, nothing is appended. Importing the same file twice adds nothing.
 */
export async function importFile(
  store: EventStore,
  file: string,
  format: ImportFormat,
  options: { readonly skipInvalid: boolean },
): Promise<ImportOutcome> {
  if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
  if (format === 'jsonl') {
    const parsed = await readJsonlImport(file);
    const skipped = parsed.problems.map((problem) => describeProblem(file, problem));
    refuseIfInvalid(skipped, options.skipInvalid);
    const bar = progress('importing', parsed.writes.length);
    for (const write of parsed.writes) {
      await store.appendToStream(write.streamId, write.events, { expectedRevision: write.expectedRevision });
      bar.increment();
    }
    bar.stop();
    return { format, appended: parsed.events, skipped };
  }
  const parsed = readShopifyCsv(file);
  const skipped = parsed.problems.map((problem) => describeProblem(file, problem));
  refuseIfInvalid(skipped, options.skipInvalid);
  let appended = 0;
  for (const order of parsed.orders) {
    appended += await writeAppends(store, order.appends, {
      idPrefix: `shopify:${order.name}:`,
      actor: 'import',
      label: 'importing',
    });
  }
  return { format, appended, skipped };
}

function refuseIfInvalid(problems: readonly string[], skipInvalid: boolean): void {
  if (problems.length === 0 || skipInvalid) return;
  const shown = problems.slice(0, 20).join('\n  ');
  const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
  throw new UserError(
    `nothing imported: ${problems.length} bad row(s); fix them, or pass --skip-invalid to import the rest\n  ${shown}${more}`,
  );
}
