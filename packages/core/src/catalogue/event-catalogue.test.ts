import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventCatalogue } from './event-catalogue';
import { EventValidationError, UnknownEventTypeError } from './event-validation-error';
import { ledgerCatalogue, orderCatalogue } from './ledger-catalogue';
import { paidSchema } from './order-events';

const paid = {
  type: 'Paid',
  data: { at: '2026-03-02T10:00:00Z', paymentId: 'p1', amount: { amount: 1800, currency: 'EUR' }, method: 'card' },
};

describe('the event catalogue', () => {
  it('knows the names the design gives', () => {
    for (const type of [
      'Paid',
      'Preparing',
      'Shipped',
      'Refunded',
      'StockAdjusted',
      'ReadyForPickup',
      'Delivered',
      'PickedUp',
    ]) {
      expect(ledgerCatalogue.knows(type), type).toBe(true);
    }
    expect(orderCatalogue.knows('StockAdjusted')).toBe(false);
  });

  it('parses a valid event into its typed form', () => {
    expect(ledgerCatalogue.parse(paid)).toEqual(paid);
  });

  it('names the event, the field and the reason, and where the event was', () => {
    const bad = { ...paid, data: { ...paid.data, amount: { amount: 12.5, currency: 'EUD' } } };
    let caught: unknown;
    try {
      ledgerCatalogue.parse(bad, { streamId: 'order-42', revision: 3 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventValidationError);
    const error = caught as EventValidationError;
    expect(error.code).toBe('EVENT_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual(['data.amount.amount', 'data.amount.currency']);
    expect(error.message).toContain('invalid Paid event (stream order-42, revision 3)');
    expect(error.message).toContain('"EUD" is not an ISO 4217 currency code');
  });

  it('refuses events without business time', () => {
    const { at: _, ...withoutAt } = paid.data;
    expect(() => ledgerCatalogue.parse({ type: 'Paid', data: withoutAt }, { file: 'events.jsonl', line: 7 })).toThrow(
      /events\.jsonl:7.*data\.at/,
    );
  });

  it('refuses an unknown type, naming it', () => {
    expect(() => ledgerCatalogue.parse({ type: 'OrderTeleported', data: {} })).toThrow(UnknownEventTypeError);
    expect(() => ledgerCatalogue.parse({ type: 'OrderTeleported', data: {} })).toThrow(/OrderTeleported/);
  });

  it('reads an old shape through an upcaster, and refuses one it cannot read', () => {
    // Suppose version 1 of Paid carried `cents` and `currency` at the top level.
    const v2 = new EventCatalogue(z.discriminatedUnion('type', [paidSchema]), { versions: { Paid: 2 } }).withUpcasters({
      Paid: {
        1: (data) => {
          const { cents, currency, ...rest } = data as { cents: number; currency: string };
          return { ...rest, amount: { amount: cents, currency } };
        },
      },
    });
    const old = {
      type: 'Paid',
      schemaVersion: 1,
      data: { at: paid.data.at, paymentId: 'p1', method: 'card', cents: 1800, currency: 'EUR' },
    };
    expect(v2.parse(old)).toEqual(paid);
    expect(v2.versionOf('Paid')).toBe(2);
    const noUpcaster = new EventCatalogue(z.discriminatedUnion('type', [paidSchema]), { versions: { Paid: 2 } });
    expect(() => noUpcaster.parse(old)).toThrow(/no upcaster from version 1 to 2/);
    expect(() => ledgerCatalogue.parse({ ...paid, schemaVersion: 9 })).toThrow(/newer than this code reads/);
  });
});
