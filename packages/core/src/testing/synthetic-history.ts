import type { LedgerEvent } from '../catalogue/ledger-catalogue';
import type { LedgerCommand } from '../ledger/ledger-command';
import { ledgerPolicy } from '../ledger/ledger-command';
import { LedgerModel } from '../ledger/ledger-model';
import { seededRandom } from '../random';

/** One command's writes: what a whole-order append (or a checkout) hands the store in one call. */
export interface SyntheticAppend {
  readonly streams: readonly { readonly streamId: string; readonly events: readonly LedgerEvent[] }[];
}

export interface SyntheticHistory {
  /** One append per command, as a live shop writes them. */
  readonly appends: readonly SyntheticAppend[];
  /** The command behind each of `appends`, at the same index: to run the same history through a ledger. */
  readonly commands: readonly LedgerCommand[];
  /** One append per order: all of its order and stock events together; stock receipts alone. */
  readonly wholeOrders: readonly SyntheticAppend[];
  /** Every event in the order written, with its stream: the single-event workload. */
  readonly events: readonly { readonly streamId: string; readonly event: LedgerEvent }[];
  readonly orders: number;
}

const catalogue = Array.from({ length: 200 }, (_, index) => ({
  sku: `SKU-${String(index).padStart(3, '0')}`,
  unitPrice: 500 + ((index * 137) % 4500),
}));

/**
 * A deterministic history of `orders` orders for benchmarks: placed, paid, prepared, shipped and
 * delivered or picked up; about 8% cancelled (refunded when paid), 10% partly refunded after
 * delivery; stock received as it runs low. Roughly 6–7 events per order across order and stock
 * streams. Every command goes through the real deciders, so every event is one the ledger writes.
 */
export function syntheticHistory(options: { readonly orders: number; readonly seed?: number }): SyntheticHistory {
  const random = seededRandom(options.seed ?? 7);
  const model = new LedgerModel(ledgerPolicy({ allowBackorders: true }));
  const appends: SyntheticAppend[] = [];
  const commands: LedgerCommand[] = [];
  const start = Date.parse('2025-01-01T08:00:00Z');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const run = (command: LedgerCommand) => {
    const written = model.execute(command);
    const streams: { streamId: string; events: LedgerEvent[] }[] = [];
    for (const { streamId, event } of written) {
      const last = streams.at(-1);
      if (last?.streamId === streamId) last.events.push(event);
      else streams.push({ streamId, events: [event] });
    }
    if (streams.length > 0) {
      appends.push({ streams });
      commands.push(command);
    }
  };

  for (let index = 0; index < options.orders; index += 1) {
    const orderId = `o${index}`;
    const at = (hours: number) => new Date(start + index * 300_000 + hours * 3_600_000).toISOString();
    const lines = Array.from({ length: random() < 0.9 ? 1 : 2 }, (_, line) => {
      const product = pick(catalogue);
      return {
        lineId: `l${line}`,
        sku: product.sku,
        quantity: 1 + Math.floor(random() * 3),
        unitPrice: { amount: product.unitPrice, currency: 'EUR' },
        kind: 'physical' as const,
      };
    });
    for (const line of lines) {
      if (model.stock(line.sku).available < line.quantity) {
        run({ type: 'AdjustStock', sku: line.sku, at: at(0), delta: 400, reason: 'received' });
      }
    }
    const shipped = random() < 0.5;
    run({
      type: 'PlaceOrder',
      orderId,
      customerId: `c${Math.floor(random() * options.orders * 0.4)}`,
      at: at(0),
      currency: 'EUR',
      lines,
      shipping: { amount: shipped ? 450 : 0, currency: 'EUR' },
      delivery: shipped
        ? { method: 'ship', address: { line1: '1 Main St', city: 'Porto', country: 'PT' } }
        : { method: 'pickup' },
    });
    const total = model.order(orderId).total;
    const roll = random();
    if (roll < 0.08) {
      if (roll < 0.04) run({ type: 'Pay', orderId, at: at(1), paymentId: `p${index}`, amount: total, method: 'card' });
      run({ type: 'CancelOrder', orderId, at: at(2), reason: 'customer' });
      continue;
    }
    run({ type: 'Pay', orderId, at: at(1), paymentId: `p${index}`, amount: total, method: 'card' });
    run({ type: 'StartPreparing', orderId, at: at(20) });
    if (shipped) {
      run({ type: 'Ship', orderId, at: at(26), carrier: 'CTT' });
      run({ type: 'MarkDelivered', orderId, at: at(70) });
    } else {
      run({ type: 'MarkReadyForPickup', orderId, at: at(24) });
      run({ type: 'MarkPickedUp', orderId, at: at(50) });
    }
    if (roll > 0.9) {
      const line = lines[0];
      if (line !== undefined) {
        run({
          type: 'RefundOrder',
          orderId,
          at: at(100),
          refundId: `r${index}`,
          reason: 'damaged',
          lines: [{ lineId: line.lineId, quantity: 1, restock: 'none' }],
        });
      }
    }
  }
  return { appends, commands, wholeOrders: groupByOrder(model.log), events: model.log, orders: options.orders };
}

/** Regroups a log so each order's events, on every stream, form one append (in first-seen order). */
function groupByOrder(log: readonly { readonly streamId: string; readonly event: LedgerEvent }[]): SyntheticAppend[] {
  const appends: { streams: { streamId: string; events: LedgerEvent[] }[] }[] = [];
  const orderAppend = new Map<string, { streams: { streamId: string; events: LedgerEvent[] }[] }>();
  for (const { streamId, event } of log) {
    const orderId =
      'orderId' in event.data
        ? event.data.orderId
        : streamId.startsWith('order-')
          ? streamId.slice('order-'.length)
          : undefined;
    if (orderId === undefined) {
      appends.push({ streams: [{ streamId, events: [event] }] });
      continue;
    }
    let append = orderAppend.get(orderId);
    if (append === undefined) {
      append = { streams: [] };
      orderAppend.set(orderId, append);
      appends.push(append);
    }
    const stream = append.streams.find((candidate) => candidate.streamId === streamId);
    if (stream === undefined) append.streams.push({ streamId, events: [event] });
    else stream.events.push(event);
  }
  return appends;
}
