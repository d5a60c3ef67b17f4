/** One event of a hand-written history: its order (or SKU) stream, its type and its data. */
export interface HandWrittenEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/**
 * A history written by hand, as `export` writes one: a line per event, in the order given, each
 * at the next revision of its stream, with an id of its own (`idPrefix` and its place: the
 * same events written again get the same ids, as an export read twice). For tests that need to know every
 * event (and so every figure) without running the code they test.
 */
export function asJsonl(events: readonly HandWrittenEvent[], idPrefix = 'hand'): string {
  const next = new Map<string, number>();
  return events
    .map((event, index) => {
      const revision = next.get(event.stream) ?? 0;
      next.set(event.stream, revision + 1);
      return JSON.stringify({
        position: index + 1,
        streamId: event.stream,
        revision,
        eventId: `${idPrefix}-${index}`,
        type: event.type,
        data: event.data,
        metadata: { commandId: `${idPrefix}-${index}`, actor: 'test' },
      });
    })
    .map((line) => `${line}\n`)
    .join('');
}

export const money = (amount: number, currency = 'EUR') => ({ amount, currency });

/** An order of one mug, for pickup: placed at `at` for `total` minor units of `currency`. */
export function placed(orderId: string, at: string, total: number, currency = 'EUR'): HandWrittenEvent {
  return {
    stream: `order-${orderId}`,
    type: 'OrderPlaced',
    data: {
      at,
      orderId,
      customerId: `buyer-${orderId}@example.com`,
      currency,
      lines: [{ lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: money(total, currency), kind: 'physical' }],
      shipping: money(0, currency),
      tax: money(0, currency),
      discount: money(0, currency),
      delivery: { method: 'pickup' },
    },
  };
}

export function paid(orderId: string, at: string, amount: number, currency = 'EUR'): HandWrittenEvent {
  return {
    stream: `order-${orderId}`,
    type: 'Paid',
    data: { at, paymentId: `pay-${orderId}-${at}`, amount: money(amount, currency), method: 'card' },
  };
}

/** Money given back, not tied to a line (as `order refund --amount` records it). */
export function refunded(orderId: string, at: string, amount: number, currency = 'EUR'): HandWrittenEvent {
  return {
    stream: `order-${orderId}`,
    type: 'Refunded',
    data: {
      at,
      refundId: `refund-${orderId}-${at}`,
      reason: 'other',
      lines: [],
      shipping: money(0, currency),
      other: money(amount, currency),
      amount: money(amount, currency),
    },
  };
}

export function step(orderId: string, type: string, at: string): HandWrittenEvent {
  return { stream: `order-${orderId}`, type, data: { at } };
}
