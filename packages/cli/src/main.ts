import { writeFileSync } from 'node:fs';
import {
  type EventStore,
  findLedgerGaps,
  hasErrorCode,
  LedgerError,
  type ReconcileReport,
  reconcileLedger,
} from '@order-ledger/core';
import { storeRhythm } from '@order-ledger/projection-orders-board';
import { toJsonLine } from '@order-ledger/store-jsonl';
import { Command, CommanderError, Option } from 'commander';
import { version as packageVersion } from '../package.json';
import { fileMistakeOf, UserError } from './cli-error';
import { runDemo } from './commands/demo-command';
import { firstLineOf, guessFormat, type ImportFormat, importFile, importSummary } from './commands/import-command';
import { addWriteCommands } from './commands/write-commands';
import { addHelpExamples } from './help-examples';
import { lastMoment, parseAsOf, parseWholeNumber, readHistory } from './history';
import { howToRunMe } from './how-to-run';
import { json } from './output';
import { keptReadModels, type ReadModelNeeds } from './reports/kept-read-models';
import { orderReport } from './reports/order-report';
import { foldReadModels } from './reports/read-models';
import {
  boardReport,
  customerReport,
  customersReport,
  followUpsReport,
  type Report,
  type ReportContext,
  stockReport,
  sweepReport,
} from './reports/reports';
import { revenueReport } from './reports/revenue-report';
import { valueReport } from './reports/value-report';
import { defaultStoreUrl, keepsReadModels, openStore, redact } from './store-url';
import { withNewStoreUndoneOnFailure } from './undo-new-store';

const storeOption = () =>
  new Option(
    '--store <url>',
    'where the history lives: sqlite:./file.db, postgres://…, esdb://…, memory:, jsonl:./file.jsonl',
  ).default(defaultStoreUrl);

async function withStore<T>(
  url: string,
  use: (store: EventStore) => Promise<T>,
  options: { readonly create?: boolean } = {},
): Promise<T> {
  const store = await openStore(url, options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The kept read models, or undefined when the store is read-only to us (then the report replays). */
async function keptUnlessReadOnly(
  store: EventStore,
  needs: ReadModelNeeds,
): Promise<Awaited<ReturnType<typeof keptReadModels>> | undefined> {
  try {
    return await keptReadModels(store, needs);
  } catch (error) {
    if (!hasErrorCode(error, 'STORE_READ_ONLY')) throw error;
    note('the store is read-only: its read models cannot be kept up to date there');
    return undefined;
  }
}

/** What each report reads. */
const needsOf = {
  board: { board: 'open' },
  sweep: { board: 'all', stock: true, best: true, history: true },
  stock: { stock: true, history: true },
  customer: {},
  order: {},
  customers: { best: true, history: true },
  value: { history: true },
  revenue: { history: true },
  'follow-ups': { stock: true, followUps: true },
  demo: { board: 'all', stock: true, best: true, history: true },
} satisfies Record<string, ReadModelNeeds & { readonly history?: boolean }>;

type ReportName = keyof typeof needsOf;

/**
 * The read models a report needs, and its history if it reads one. On SQLite and PostgreSQL
 * they are the kept read models, brought up to date by folding only what is new; with `--as-of`
 * before the latest event, or on a file, memory or EventStoreDB, the history is replayed up to
 * then. Either way the report says which, on standard error.
 */
async function contextFor(
  store: EventStore,
  url: string,
  asOfText: string | undefined,
  report: ReportName,
  customerId?: string,
): Promise<ReportContext> {
  const asOf = parseAsOf(asOfText);
  const needs: ReadModelNeeds & { readonly history?: boolean } = {
    ...needsOf[report],
    ...(customerId === undefined ? {} : { timeline: customerId }),
  };
  const rhythm = storeRhythm();
  const kept = keepsReadModels(url) ? await keptUnlessReadOnly(store, needs) : undefined;
  if (kept !== undefined) {
    const latest = kept.latest === undefined ? undefined : new Date(kept.latest);
    if (asOf === undefined || latest === undefined || asOf >= latest) {
      const history = needs.history === true ? await readHistory(store, asOf) : [];
      note(`read models kept in the store: ${count(kept.eventsFolded)} new events folded`);
      return { models: kept.models, history, asOf: asOf ?? latest ?? new Date(), rhythm };
    }
  }
  const history = await readHistory(store, asOf);
  note(`replayed ${count(history.length)} events${asOf === undefined ? '' : ` up to ${asOf.toISOString()}`}`);
  return { models: foldReadModels(history), history, asOf: asOf ?? lastMoment(history), rhythm };
}

const count = (n: number) => n.toLocaleString('en-US');

/** A word on how a report was made, for people: on standard error, so `--json` stays clean. */
function note(text: string): void {
  process.stderr.write(`order-ledger: ${text}\n`);
}

function print(report: Report, asJson: boolean): void {
  process.stdout.write(asJson ? json(report.data) : `${report.text}\n`);
}

// A reader that stops early (`order-ledger export | head -1`) closes the pipe: that is not an
// error of ours, so end quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const program = new Command('order-ledger')
  .description('An event-sourced order ledger for a small store: the demo, imports, exports and reports.')
  .version(packageVersion, '--version', 'print the version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('demo')
  .description(
    'write a seeded year of a small shop into the store, then print the weekly sweep, the board, the stock truth check and the best customers',
  )
  .addOption(storeOption())
  .option('--seed <n>', 'the seed: the same seed writes the same year', '7')
  .option('--orders <n>', 'how many orders in the year', '1500')
  .option('--json', 'print the reports as JSON')
  .action(async (options: { store: string; seed: string; orders: string; json?: boolean }) => {
    const { store, events, to } = await runDemo(options.store, {
      seed: parseWholeNumber('--seed', options.seed, 0),
      orders: parseWholeNumber('--orders', options.orders, 1),
    });
    try {
      const context = await contextFor(store, options.store, to, 'demo');
      const reports = {
        sweep: sweepReport(context),
        board: boardReport(context, 5),
        stock: stockReport(context),
        customers: customersReport(context, 8),
      };
      if (options.json === true) {
        process.stdout.write(
          json(Object.fromEntries(Object.entries(reports).map(([name, report]) => [name, report.data]))),
        );
        return;
      }
      process.stdout.write(
        `Wrote a year of a small shop (${events.toLocaleString('en-US')} events) to ${redact(options.store)}.\n\n`,
      );
      for (const report of Object.values(reports)) process.stdout.write(`${report.text}\n\n`);
      process.stdout.write(
        `Try: ${howToRunMe(process.argv[1] ?? '', process.cwd())} report board --store ${options.store}\n`,
      );
    } finally {
      await store.close();
    }
  });

program
  .command('import')
  .description(
    'import a JSONL history (as export writes it) or a Shopify "Export orders" CSV; nothing is written unless every row is valid',
  )
  .argument('<file>', 'the file to import')
  .addOption(
    new Option('--format <format>', 'the file format (guessed when not given)').choices(['jsonl', 'shopify-csv']),
  )
  .option('--skip-invalid', 'import the valid rows and report the rest')
  .addOption(storeOption())
  .option('--json', 'report the outcome as JSON')
  .action(
    async (file: string, options: { format?: ImportFormat; skipInvalid?: boolean; store: string; json?: boolean }) => {
      const chosen = options.format ?? guessFormat(file, firstLineOf(file));
      const outcome = await withNewStoreUndoneOnFailure(options.store, () =>
        withStore(
          options.store,
          (store) => importFile(store, file, chosen, { skipInvalid: options.skipInvalid === true }),
          { create: true },
        ),
      );
      if (options.json === true) {
        process.stdout.write(json(outcome));
        return;
      }
      process.stdout.write(`${importSummary(file, outcome)}\n`);
      if (outcome.skipped.length > 0)
        process.stdout.write(`Skipped ${outcome.skipped.length}:\n  ${outcome.skipped.join('\n  ')}\n`);
    },
  );

program
  .command('export')
  .description('write the whole history as JSONL, one recorded event per line; import reads it back exactly')
  .addOption(storeOption())
  .option('--out <file>', 'write to a file instead of standard output')
  .action(async (options: { store: string; out?: string }) => {
    await withStore(options.store, async (store) => {
      const lines: string[] = [];
      for await (const event of store.readAll()) lines.push(toJsonLine(event));
      const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
      if (options.out === undefined) process.stdout.write(text);
      else {
        writeFileSync(options.out, text);
        process.stderr.write(`Exported ${lines.length} events to ${options.out}.\n`);
      }
    });
  });

program
  .command('reconcile')
  .description(
    'release stock reserved for orders that were never recorded, and complete stock movements that never landed (what a writer that died half-way leaves on EventStoreDB)',
  )
  .addOption(storeOption())
  .option('--grace-minutes <n>', 'leave reservations younger than this alone: their command may still be running', '15')
  .option('--dry-run', 'only list what would be set right')
  .option('--json', 'print JSON')
  .action(async (options: { store: string; graceMinutes: string; dryRun?: boolean; json?: boolean }) => {
    const graceMinutes = Number(options.graceMinutes);
    if (!Number.isFinite(graceMinutes) || graceMinutes < 0)
      throw new UserError(`--grace-minutes must be a number of minutes, not "${options.graceMinutes}"`);
    await withStore(options.store, async (store) => {
      const gaps: ReconcileReport =
        options.dryRun === true
          ? { ...(await findLedgerGaps(store, { graceMinutes })), refused: [] }
          : await reconcileLedger(store, { graceMinutes });
      if (options.json === true) {
        process.stdout.write(json({ dryRun: options.dryRun === true, ...gaps }));
        return;
      }
      const verb = options.dryRun === true ? 'would release' : 'released';
      const complete = options.dryRun === true ? 'would complete' : 'completed';
      process.stdout.write(
        `${verb} ${gaps.orphanedReservations.length} orphaned reservations, ${complete} stock movements of ${gaps.missingStockMovements.length} orders\n`,
      );
      for (const orphan of gaps.orphanedReservations)
        process.stdout.write(
          `  ${orphan.sku}: ${orphan.quantity} for order ${orphan.orderId} (${orphan.reservedAt})\n`,
        );
      for (const missing of gaps.missingStockMovements)
        process.stdout.write(`  order ${missing.orderId}: ${missing.skus.join(', ')}\n`);
      if (gaps.refused.length > 0) {
        process.stdout.write(`could not set right ${gaps.refused.length}: the shop must decide\n`);
        for (const refusal of gaps.refused) process.stdout.write(`  order ${refusal.orderId}: ${refusal.message}\n`);
      }
    });
  });

const reports = [
  'board',
  'sweep',
  'stock',
  'order',
  'customer',
  'customers',
  'value',
  'revenue',
  'follow-ups',
] as const;
program
  .command('report')
  .description('a report: board, sweep, stock, order <id>, customer <id>, customers, value, revenue or follow-ups')
  .argument('<name>', reports.join(' | '))
  .argument('[id]', 'the order, for the order report; the customer, for the customer report')
  .addOption(storeOption())
  .option('--json', 'print JSON instead of tables')
  .option('--as-of <date>', 'fold only what had happened by then (2026-03-31, or an instant)')
  .option('--limit <n>', 'rows per list in text (default 15 on the board and sweep, 10 elsewhere); --json lists all')
  .option('--all', 'every row of every list')
  .option('--unit <unit>', 'value report: weeks or days', 'weeks')
  .option('--horizon <n>', 'value report: how many units ahead CLV looks (default a year)')
  .action(
    async (
      name: string,
      id: string | undefined,
      options: {
        store: string;
        json?: boolean;
        asOf?: string;
        unit?: string;
        horizon?: string;
        limit?: string;
        all?: boolean;
      },
    ) => {
      const limit =
        options.all === true
          ? Number.POSITIVE_INFINITY
          : options.limit === undefined
            ? undefined
            : parseWholeNumber('--limit', options.limit, 1);
      // A bad date is told before the store is opened: the mistake is the flag, whatever the store.
      parseAsOf(options.asOf);
      if (!(reports as readonly string[]).includes(name))
        throw new UserError(`unknown report "${name}": choose ${reports.join(', ')}`);
      if ((name === 'customer' || name === 'order') && id === undefined)
        throw new UserError(`the ${name} report needs an id: order-ledger report ${name} <id>`);
      await withStore(options.store, async (store) => {
        if (name === 'order') {
          print(await orderReport(store, id ?? ''), options.json === true);
          return;
        }
        const context = await contextFor(store, options.store, options.asOf, name as ReportName, id);
        const report =
          name === 'board'
            ? boardReport(context, limit)
            : name === 'sweep'
              ? sweepReport(context, limit)
              : name === 'stock'
                ? stockReport(context)
                : name === 'customer'
                  ? customerReport(context, id ?? '', limit)
                  : name === 'customers'
                    ? customersReport(context, limit)
                    : name === 'value'
                      ? valueReport(context, {
                          ...(options.unit === undefined ? {} : { unit: options.unit }),
                          ...(options.horizon === undefined ? {} : { horizon: options.horizon }),
                          ...(limit === undefined ? {} : { limit }),
                        })
                      : name === 'revenue'
                        ? revenueReport(context, limit)
                        : followUpsReport(context, limit);
        print(report, options.json === true);
      });
    },
  );

addWriteCommands(program, storeOption);
addHelpExamples(program);

try {
  await program.parseAsync(process.argv);
} catch (thrown) {
  const error = fileMistakeOf(thrown) ?? thrown;
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 1;
  } else if (error instanceof UserError || (error instanceof LedgerError && isUsersMistake(error))) {
    process.stderr.write(`order-ledger: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(
      `order-ledger: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report it with the command you ran.\n`,
    );
    process.exitCode = 2;
  }
}

/** Ledger errors a user causes with their input (a bad file, a conflicting store) rather than a bug. */
function isUsersMistake(error: LedgerError): boolean {
  return [
    'EVENT_INVALID',
    'EVENT_UNKNOWN_TYPE',
    'CONCURRENCY_CONFLICT',
    'DUPLICATE_EVENT_ID',
    'STORE_UNSUPPORTED',
    'STORE_UNAVAILABLE',
    'STORE_NOT_FOUND',
    'STORE_CANNOT_OPEN',
    'STORE_READ_ONLY',
    'STREAM_DELETED',
    'SCHEMA_TOO_NEW',
  ].includes(error.code);
}
