import { type EditOrder, foldProjection, InMemoryEventStore, OrderLedger } from '@order-ledger/core';
import { readEverything } from '@order-ledger/core/testing';
import { describe, expect, it } from 'vitest';
import { followUps } from './follow-ups-projection';
import { dueFollowUps } from './schedule';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };
const placedAt = '2026-03-02T10:00:00Z';
const editedAt = '2026-03-02T11:00:00Z';
const asOf = new Date('2026-06-30T00:00:00Z');

/** Ada's order (to be shipped, not yet paid) with the given lines, then the given edit. */
async function orderThenEdit(lines: readonly { lineId: string; sku: string; quantity: number }[], edit: EditOrder) {
  const store = new InMemoryEventStore();
  const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
  await ledger.execute({
    type: 'PlaceOrder',
    orderId: 'a1',
    customerId: 'ada',
    at: placedAt,
    currency: 'EUR',
    lines: lines.map((line) => ({ ...line, unitPrice: eur(1000), kind: 'physical' as const })),
    delivery: { method: 'ship', address },
  });
  await ledger.execute(edit);
  return foldProjection(followUps, await readEverything(store)).state;
}

function nudgesBySku(state: Awaited<ReturnType<typeof orderThenEdit>>, lifespanDays: number) {
  const due = dueFollowUps(state, {
    asOf,
    consumables: { COFFEE: { lifespanDays }, DECAF: { lifespanDays } },
  });
  return Object.fromEntries(
    due.flatMap((followUp) => (followUp.kind === 'reorder-nudge' ? [[followUp.sku, followUp.runOutAt]] : [])),
  );
}

describe('follow-ups: the reorder nudge after an edit', () => {
  it('keeps the SKU when a line is swapped to the same SKU at a new price', async () => {
    const state = await orderThenEdit([{ lineId: 'l1', sku: 'COFFEE', quantity: 2 }], {
      type: 'EditOrder',
      orderId: 'a1',
      at: editedAt,
      changes: [{ kind: 'VariantSwapped', lineId: 'l1', sku: 'COFFEE', unitPrice: eur(900) }],
    });
    // Two bags still, 10 days each: 20 days from 2 March 10:00 is 22 March 10:00.
    expect(nudgesBySku(state, 10)).toEqual({ COFFEE: '2026-03-22T10:00:00.000Z' });
  });

  it('keeps the SKU another line still holds when one of two lines sharing it is swapped', async () => {
    const state = await orderThenEdit(
      [
        { lineId: 'l1', sku: 'COFFEE', quantity: 1 },
        { lineId: 'l2', sku: 'COFFEE', quantity: 3 },
      ],
      {
        type: 'EditOrder',
        orderId: 'a1',
        at: editedAt,
        changes: [{ kind: 'VariantSwapped', lineId: 'l2', sku: 'DECAF', unitPrice: eur(1000) }],
      },
    );
    // l1 keeps one bag of coffee (10 days: 12 March); l2's three bags are now decaf (30 days: 1 April).
    expect(nudgesBySku(state, 10)).toEqual({
      COFFEE: '2026-03-12T10:00:00.000Z',
      DECAF: '2026-04-01T10:00:00.000Z',
    });
  });

  it('counts a line’s units as edited, not as placed', async () => {
    const state = await orderThenEdit([{ lineId: 'l1', sku: 'COFFEE', quantity: 1 }], {
      type: 'EditOrder',
      orderId: 'a1',
      at: editedAt,
      changes: [{ kind: 'QuantityChanged', lineId: 'l1', quantity: 3 }],
    });
    // Three bags after the edit, 10 days each: 30 days from 2 March 10:00 is 1 April 10:00.
    expect(nudgesBySku(state, 10)).toEqual({ COFFEE: '2026-04-01T10:00:00.000Z' });
  });
});

describe('follow-ups: a reorder nudge is never due before its purchase', () => {
  it('skips a run-out sooner than the lead: same-day repeat orders, a one-day lifespan', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store, { policy: { allowBackorders: true } });
    for (const [orderId, at] of [
      ['m1', '2026-03-02T10:00:00Z'],
      ['m2', '2026-03-02T12:00:00Z'],
      ['m3', '2026-03-02T15:00:00Z'],
    ] as const) {
      await ledger.execute({
        type: 'PlaceOrder',
        orderId,
        customerId: 'ada',
        at,
        currency: 'EUR',
        lines: [
          { lineId: 'l1', sku: 'MUG', quantity: 1, unitPrice: eur(1000), kind: 'physical' },
          { lineId: 'l2', sku: 'MILK', quantity: 1, unitPrice: eur(100), kind: 'physical' },
        ],
        delivery: { method: 'ship', address },
      });
    }
    const { state } = foldProjection(followUps, await readEverything(store));
    // MUG's rhythm is 0 days (three orders the same day); MILK lasts a day, less than the 3-day lead.
    const due = dueFollowUps(state, { asOf, consumables: { MUG: {}, MILK: { lifespanDays: 1 } } });
    expect(due.filter((followUp) => followUp.kind === 'reorder-nudge')).toEqual([]);
    for (const followUp of due) expect(followUp.dueAt >= '2026-03-02T10:00:00.000Z').toBe(true);
  });
});
