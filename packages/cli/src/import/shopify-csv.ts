import { createReadStream } from 'node:fs';
import {
  currencyExponent,
  decideOrder,
  eventIdFor,
  evolveOrder,
  type ImportEntry,
  type ImportEvent,
  initialOrderState,
  isCurrencyCode,
  type LedgerEvent,
  type OrderCommand,
  type OrderLine,
  type OrderState,
  orderPolicy,
  orderStreamId,
} from '@order-ledger/core';
import { parse } from 'csv-parse';
import { decimalToMinor, shopifyTime } from './decimal';
import type { RowProblem, RowSource } from './row-error';

type Row = Record<string, string>;

/** The columns an import cannot do without. */
const required = ['Name', 'Financial Status', 'Currency', 'Created at', 'Lineitem quantity', 'Lineitem price'] as const;

/** One order of the CSV, mapped: each command's events on the order's stream. */
interface ShopifyOrder {
  readonly name: string;
  readonly firstLine: number;
  /** Each command's events, in order: one group per command, as the ledger would append them. */
  readonly appends: LedgerEvent[][];
}

/** Orders per batch handed to the import. */
const ordersPerBatch = 500;

/**
 * Reads Shopify's "Export orders" CSV a record at a time and turns each order into ledger events,
 * decided by the order decider itself so every event is one the ledger would write. An order is
 * complete when the next row names another: Shopify writes an order's rows together, and a file
 * whose order comes back later is refused at that row (holding every order until the end would
 * hold the whole file). Ids come from the order name and the command, so importing the same file
 * twice adds nothing. What the mapping assumes where the CSV is silent is written in docs/cli.md.
 */
export async function* readShopifyEntries(
  file: string,
  onRow?: (bytes: number) => void,
): AsyncGenerator<ImportEntry<RowSource>[]> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, columns: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  let batch: ImportEntry<RowSource>[] = [];
  let group: { name: string; rows: { line: number; row: Row }[] } | undefined;
  const finished = new Map<string, number>();
  let checkedHeader = false;
  const flush = () => {
    if (group === undefined) return;
    batch.push(...entriesOf(group.name, group.rows));
    finished.set(group.name, group.rows[0]?.line ?? 1);
    group = undefined;
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Row;
      info: { lines: number; bytes: number };
    }>) {
      if (!checkedHeader) {
        checkedHeader = true;
        const missing = required.filter((column) => !(column in record));
        if (missing.length > 0) {
          yield [{ unreadable: `missing required columns: ${missing.join(', ')}`, source: { line: 1 } }];
          return;
        }
      }
      const name = (record.Name ?? '').trim();
      if (group !== undefined && group.name !== name) {
        flush();
        if (batch.length >= ordersPerBatch) {
          yield batch;
          batch = [];
        }
      }
      const began = finished.get(name);
      if (began !== undefined) {
        batch.push({
          unreadable: `the rows of this order are not together (it began at line ${began}): keep each order's rows together, as Shopify exports them`,
          streamId: orderStreamId(name.replace(/^#/, '')),
          source: { line: info.lines, order: name },
        });
        continue;
      }
      if (group === undefined) group = { name, rows: [] };
      group.rows.push({ line: info.lines, row: record });
      onRow?.(info.bytes);
    }
  } catch (error) {
    flush();
    batch.push({
      unreadable: `not a CSV file: ${(error as Error).message}; nothing after this was read`,
      source: { line: (error as { lines?: number }).lines ?? 1 },
    });
    yield batch;
    return;
  }
  flush();
  if (!checkedHeader) batch.push({ unreadable: 'the file has no rows', source: { line: 1 } });
  if (batch.length > 0) yield batch;
}

/** An order's rows as entries to import: its events on its stream, or what is wrong with it. */
function entriesOf(name: string, rows: { line: number; row: Row }[]): ImportEntry<RowSource>[] {
  const mapped = mapOrder(name, rows);
  if ('problems' in mapped) {
    return mapped.problems.map(({ reason, ...source }) => ({
      unreadable: reason,
      streamId: orderStreamId(name.replace(/^#/, '')),
      source,
    }));
  }
  const entries: ImportEvent<RowSource>[] = [];
  const streamId = orderStreamId(name.replace(/^#/, ''));
  for (const [index, events] of mapped.appends.entries()) {
    const commandId = `shopify:${name}:${index}`;
    for (const [position, event] of events.entries()) {
      entries.push({
        streamId,
        revision: entries.length,
        eventId: eventIdFor(commandId, streamId, position),
        type: event.type,
        data: event.data,
        metadata: { commandId, actor: 'import' },
        source: { line: mapped.firstLine, order: name },
      });
    }
  }
  return entries;
}

function mapOrder(name: string, rows: { line: number; row: Row }[]): ShopifyOrder | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const first = rows[0];
  if (first === undefined) return { problems };
  const head = first.row;
  const problem = (line: number, column: string | undefined, reason: string) =>
    problems.push({ line, ...(column === undefined ? {} : { column }), reason, order: name });
  if (name === '') problem(first.line, 'Name', 'is empty: each row needs its order number');
  const currency = (head.Currency ?? '').trim().toUpperCase();
  if (!isCurrencyCode(currency))
    problem(first.line, 'Currency', `"${head.Currency ?? ''}" is not an ISO 4217 currency`);
  const exponent = isCurrencyCode(currency) ? currencyExponent(currency) : 2;
  const money = (line: number, row: Row, column: string, optional = true): number | undefined => {
    const value = (row[column] ?? '').trim();
    if (value === '') {
      if (!optional) problem(line, column, 'is empty');
      return undefined;
    }
    const minor = decimalToMinor(value, exponent);
    if (minor === undefined || minor < 0)
      problem(line, column, `"${value}" is not an amount in ${currency || 'the currency'}`);
    return minor;
  };
  const time = (column: string, optional = true): string | undefined => {
    const value = (head[column] ?? '').trim();
    if (value === '') {
      if (!optional) problem(first.line, column, 'is empty');
      return undefined;
    }
    const iso = shopifyTime(value);
    if (iso === undefined) problem(first.line, column, `"${value}" is not a time like 2024-01-15 10:23:45 -0500`);
    return iso;
  };

  const createdAt = time('Created at', false);
  const paidAt = time('Paid at');
  const fulfilledAt = time('Fulfilled at');
  const cancelledAt = time('Cancelled at');
  const lines: OrderLine[] = [];
  for (const [index, { line, row }] of rows.entries()) {
    const quantityText = (row['Lineitem quantity'] ?? '').trim();
    const quantity = Number(quantityText);
    if (!/^\d+$/.test(quantityText) || quantity < 1)
      problem(line, 'Lineitem quantity', `"${quantityText}" is not a whole number of at least 1`);
    const price = money(line, row, 'Lineitem price', false);
    const sku = (row['Lineitem sku'] ?? '').trim() || (row['Lineitem name'] ?? '').trim();
    if (sku === '') problem(line, 'Lineitem sku', 'is empty, and so is "Lineitem name": nothing names the item');
    const digital = (row['Lineitem requires shipping'] ?? '').trim().toLowerCase() === 'false';
    if (price !== undefined && quantity >= 1) {
      lines.push({
        lineId: `l${index + 1}`,
        sku,
        quantity,
        unitPrice: { amount: price, currency },
        kind: digital ? 'digital' : 'physical',
        ...((row['Lineitem name'] ?? '').trim() === '' ? {} : { title: (row['Lineitem name'] ?? '').trim() }),
      });
    }
  }
  const shipping = money(first.line, head, 'Shipping') ?? 0;
  let tax = money(first.line, head, 'Taxes') ?? 0;
  const discount = money(first.line, head, 'Discount Amount') ?? 0;
  const total = money(first.line, head, 'Total');
  const refunded = money(first.line, head, 'Refunded Amount') ?? 0;
  const outstanding = money(first.line, head, 'Outstanding Balance') ?? 0;
  if (problems.length > 0 || createdAt === undefined) return { problems };

  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0);
  const computed = subtotal + shipping + tax - discount;
  if (total !== undefined && computed !== total) {
    // Prices that include tax: Shopify's Total then leaves the tax out of the sum.
    if (computed - tax === total) tax = 0;
    else problem(first.line, 'Total', `${total} does not match lines + shipping + taxes − discount = ${computed}`);
  }
  if (problems.length > 0) return { problems };

  const physical = lines.some((line) => line.kind === 'physical');
  const method = (head['Shipping Method'] ?? '').toLowerCase();
  const address = {
    line1: (head['Shipping Address1'] ?? head['Shipping Street'] ?? '').trim(),
    city: (head['Shipping City'] ?? '').trim(),
    country: (head['Shipping Country'] ?? '').trim().toUpperCase(),
    ...((head['Shipping Zip'] ?? '').trim() === '' ? {} : { postalCode: (head['Shipping Zip'] ?? '').trim() }),
    ...((head['Shipping Name'] ?? '').trim() === '' ? {} : { name: (head['Shipping Name'] ?? '').trim() }),
  };
  const hasAddress = address.line1 !== '' && address.city !== '' && address.country.length === 2;
  const delivery = !physical
    ? ({ method: 'none' } as const)
    : method.includes('pickup') || !hasAddress
      ? ({ method: 'pickup' } as const)
      : ({ method: 'ship', address } as const);
  const orderId = name.replace(/^#/, '');
  const customerId = (head.Email ?? '').trim().toLowerCase() || `guest-${orderId}`;
  const status = (head['Financial Status'] ?? '').trim().toLowerCase();
  const commands: OrderCommand[] = [
    {
      type: 'PlaceOrder',
      orderId,
      customerId,
      at: createdAt,
      currency,
      lines,
      shipping: { amount: shipping, currency },
      tax: { amount: tax, currency },
      discount: { amount: discount, currency },
      delivery,
    },
  ];
  const orderTotal = subtotal + shipping + tax - discount;
  const paidAmount = ['paid', 'partially_refunded', 'refunded'].includes(status)
    ? orderTotal
    : status === 'partially_paid'
      ? Math.max(0, orderTotal - outstanding)
      : 0;
  if (paidAmount > 0) {
    commands.push({
      type: 'Pay',
      orderId,
      at: paidAt ?? createdAt,
      paymentId: `${orderId}-csv`,
      amount: { amount: paidAmount, currency },
      method: 'other',
    });
  }
  const fulfilled = (head['Fulfillment Status'] ?? '').trim().toLowerCase() === 'fulfilled';
  if (cancelledAt !== undefined) {
    commands.push({ type: 'CancelOrder', orderId, at: cancelledAt, reason: 'other', refund: false });
  } else if (fulfilled && physical) {
    commands.push(
      delivery.method === 'pickup'
        ? { type: 'MarkPickedUp', orderId, at: fulfilledAt ?? createdAt }
        : { type: 'Ship', orderId, at: fulfilledAt ?? createdAt },
    );
  }
  const refund = status === 'refunded' && refunded === 0 ? paidAmount : refunded;
  if (refund > 0) {
    commands.push({
      type: 'RefundAmount',
      orderId,
      at: cancelledAt ?? fulfilledAt ?? paidAt ?? createdAt,
      refundId: `${orderId}-csv`,
      reason: 'other',
      amount: { amount: Math.min(refund, paidAmount), currency },
    });
  }

  const policy = orderPolicy({ allowPayAtPickup: true });
  let state: OrderState = initialOrderState();
  const appends: LedgerEvent[][] = [];
  for (const command of commands) {
    try {
      const events = decideOrder(command, state, policy);
      for (const event of events) state = evolveOrder(state, event);
      if (events.length > 0) appends.push(events);
    } catch (error) {
      return { problems: [{ line: first.line, reason: (error as Error).message, order: name }] };
    }
  }
  return { name, firstLine: first.line, appends };
}
