import {
  adjustmentReasonSchema,
  CommandValidationError,
  type CurrencyCode,
  cancelReasonSchema,
  currencyExponent,
  type LedgerCommand,
  type LedgerResult,
  type OrderEvent,
  OrderLedger,
  OrderRefusedError,
  type RecordedEvent,
  refundReasonSchema,
  type StockEvent,
  StockRefusedError,
  streamKindOf,
} from '@order-ledger/core';
import { describeOrderEvent } from '@order-ledger/projection-customer-timeline';
import { type Command, Option } from 'commander';
import { UserError } from '../cli-error';
import { parseAsOf, parseWholeNumber } from '../history';
import { decimalToMinor } from '../import/decimal';
import { openStore } from '../store-url';
import { stockEventInWords } from '../words';

interface WriteOptions {
  readonly store: string;
  readonly at?: string;
}

/** When a hand-entered step happened: `--at`, or now. */
function momentOf(options: WriteOptions): string {
  return (parseAsOf(options.at === undefined ? undefined : options.at, '--at') ?? new Date()).toISOString();
}

/**
 * Runs one command through `OrderLedger`, as an app would: the ledger's refusal is told in its
 * own words (exit 1); what was recorded is listed. Only stock commands may start a new store
 * (goods received into an empty shop); an order step needs the order's ledger to exist.
 */
async function execute(
  url: string,
  command: LedgerCommand | ((ledger: OrderLedger) => Promise<LedgerCommand>),
  create: boolean,
): Promise<void> {
  const store = await openStore(url, { create });
  try {
    const ledger = new OrderLedger(store);
    const result = await ledger.execute(typeof command === 'function' ? await command(ledger) : command);
    process.stdout.write(recordedInWords(result));
  } catch (error) {
    if (error instanceof OrderRefusedError || error instanceof StockRefusedError) {
      throw new UserError(`refused: ${error.message}`);
    }
    if (error instanceof CommandValidationError) throw new UserError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

/** What a command wrote, one line per event in words; or that it wrote nothing, and why. */
function recordedInWords(result: LedgerResult): string {
  if (result.alreadyHandled) return 'Already recorded: this command ran before; nothing new.\n';
  if (result.events.length === 0) return 'Nothing to record: the ledger already holds this.\n';
  const lines = result.events.map((event) =>
    streamKindOf(event.streamId) === 'stock'
      ? stockEventInWords(event as RecordedEvent<StockEvent>)
      : describeOrderEvent(event.streamId.slice('order-'.length), event as RecordedEvent<OrderEvent>),
  );
  return `Recorded:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}

const atOption = () => new Option('--at <when>', 'when it happened (2026-03-31T17:00:00Z); default now');

/** Money typed by a person ("12.50") in the order's currency, as minor units. */
function moneyOf(text: string, currency: string): { amount: number; currency: string } {
  const amount = decimalToMinor(text, currencyExponent(currency as CurrencyCode));
  if (amount === undefined || amount <= 0)
    throw new UserError(`--amount takes a positive amount like 12.50, not "${text}"`);
  return { amount, currency };
}

/** `order-ledger stock …` and `order-ledger order …`: the weekly ritual's hands, through the ledger. */
export function addWriteCommands(program: Command, storeOption: () => Option): void {
  const stock = program.command('stock').description('adjust or recount a SKU’s stock, through the ledger');
  stock
    .command('adjust')
    .description('record units in or out by hand: goods received, breakage, an in-person sale, …')
    .argument('<sku>')
    .requiredOption('--delta <n>', 'units: positive in, negative out')
    .addOption(
      new Option('--reason <reason>', 'why')
        .choices(adjustmentReasonSchema.options.filter((reason) => reason !== 'recount'))
        .makeOptionMandatory(),
    )
    .option('--note <text>', 'a note kept with the adjustment')
    .option('--force', 'take units promised to orders (an in-person sale of an ordered unit)')
    .addOption(storeOption())
    .addOption(atOption())
    .action(
      async (
        sku: string,
        options: WriteOptions & { delta: string; reason: string; note?: string; force?: boolean },
      ) => {
        const delta = parseWholeNumber('--delta', options.delta, Number.MIN_SAFE_INTEGER);
        if (delta === 0) throw new UserError('--delta must not be 0');
        const command = {
          type: 'AdjustStock',
          sku,
          at: momentOf(options),
          delta,
          reason: options.reason,
          ...(options.note === undefined ? {} : { note: options.note }),
          ...(options.force === true ? { force: true } : {}),
        } as LedgerCommand;
        await execute(options.store, command, true);
      },
    );
  stock
    .command('recount')
    .description('record a physical count: the ledger books the difference')
    .argument('<sku>')
    .requiredOption('--counted <n>', 'units on the shelf')
    .option('--note <text>', 'a note kept with the count')
    .addOption(storeOption())
    .addOption(atOption())
    .action(async (sku: string, options: WriteOptions & { counted: string; note?: string }) => {
      const command = {
        type: 'RecountStock',
        sku,
        at: momentOf(options),
        counted: parseWholeNumber('--counted', options.counted, 0),
        ...(options.note === undefined ? {} : { note: options.note }),
      } as LedgerCommand;
      await execute(options.store, command, true);
    });

  const order = program.command('order').description('move an order on by hand, through the ledger');
  const step = (name: string, description: string) =>
    order
      .command(name)
      .description(description)
      .argument('<id>', 'the order')
      .addOption(storeOption())
      .addOption(atOption());
  step('prepare', 'start preparing it')
    .option('--by <name>', 'who prepares it')
    .action(async (orderId: string, options: WriteOptions & { by?: string }) => {
      const command = {
        type: 'StartPreparing',
        orderId,
        at: momentOf(options),
        ...(options.by === undefined ? {} : { preparedBy: options.by }),
      } as LedgerCommand;
      await execute(options.store, command, false);
    });
  for (const [name, type, description] of [
    ['ready', 'MarkReadyForPickup', 'set it out for pickup'],
    ['deliver', 'MarkDelivered', 'record that the parcel was delivered'],
    ['pickup', 'MarkPickedUp', 'record that the buyer collected it'],
  ] as const) {
    step(name, description).action(async (orderId: string, options: WriteOptions) => {
      await execute(options.store, { type, orderId, at: momentOf(options) } as LedgerCommand, false);
    });
  }
  step('ship', 'hand it to the carrier')
    .option('--carrier <name>')
    .option('--tracking <number>')
    .action(async (orderId: string, options: WriteOptions & { carrier?: string; tracking?: string }) => {
      const command = {
        type: 'Ship',
        orderId,
        at: momentOf(options),
        ...(options.carrier === undefined ? {} : { carrier: options.carrier }),
        ...(options.tracking === undefined ? {} : { trackingNumber: options.tracking }),
      } as LedgerCommand;
      await execute(options.store, command, false);
    });
  step('cancel', 'cancel it (and give back what was paid, unless --no-refund)')
    .addOption(new Option('--reason <reason>', 'why').choices(cancelReasonSchema.options).default('customer'))
    .option('--no-refund', 'keep the money for now (it shows as owed on the board)')
    .action(async (orderId: string, options: WriteOptions & { reason: string; refund: boolean }) => {
      const command = {
        type: 'CancelOrder',
        orderId,
        at: momentOf(options),
        reason: options.reason,
        refund: options.refund,
      } as LedgerCommand;
      await execute(options.store, command, false);
    });
  step('refund', 'give back an amount of money, in the order’s currency')
    .requiredOption('--amount <amount>', 'like 12.50')
    .addOption(new Option('--reason <reason>', 'why').choices(refundReasonSchema.options).default('other'))
    .option('--refund-id <id>', 'the refund’s own id: sending the same id twice refunds once')
    .action(async (orderId: string, options: WriteOptions & { amount: string; reason: string; refundId?: string }) => {
      const at = momentOf(options);
      await execute(
        options.store,
        async (ledger) => {
          const { currency, exists } = await ledger.order(orderId);
          if (!exists) throw new UserError(`no order "${orderId}" in this store`);
          return {
            type: 'RefundAmount',
            orderId,
            at,
            refundId: options.refundId ?? `cli-${orderId}-${at}`,
            reason: options.reason,
            amount: moneyOf(options.amount, currency),
          } as LedgerCommand;
        },
        false,
      );
    });
}
