import { describe, expect, it } from 'vitest';
import type { OrderEvent, OrderEventOf } from '../catalogue/order-events';
import { fold } from '../decider';
import { deciderSpecification } from '../testing/decider-specification';
import type { PlaceOrder } from './order-commands';
import { orderDecider } from './order-decider';
import { orderPolicy } from './order-policy';
import { amountDue, refundOwed } from './order-state';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = (day: number, hour = 9) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
const address = { line1: '1 Harbour Street', city: 'Porto', country: 'PT' };

const place: PlaceOrder = {
  type: 'PlaceOrder',
  orderId: 'o1',
  customerId: 'ada',
  at: at(2),
  currency: 'EUR',
  lines: [
    { lineId: 'mugs', sku: 'MUG-BLUE', quantity: 4, unitPrice: eur(1800), kind: 'physical' },
    { lineId: 'tea', sku: 'TEA-250', quantity: 1, unitPrice: eur(950), kind: 'physical' },
  ],
  shipping: eur(450),
  tax: eur(0),
  discount: eur(0),
  delivery: { method: 'ship', address },
};
// 4 × 18.00 + 9.50 + 4.50 shipping = 86.00
const total = 8600;

const placed = orderDecider().decide(place, orderDecider().initialState())[0] as OrderEventOf<'OrderPlaced'>;
const paidInFull: OrderEvent = {
  type: 'Paid',
  data: { at: at(2, 10), paymentId: 'p1', amount: eur(total), method: 'card' },
};
const shipped: OrderEvent = { type: 'Shipped', data: { at: at(3), carrier: 'CTT' } };
const delivered: OrderEvent = { type: 'Delivered', data: { at: at(5) } };

const spec = deciderSpecification(orderDecider());
const state = (events: readonly OrderEvent[]) => fold(orderDecider(), events);

describe('placing and paying', () => {
  it('refuses any step dated before the order was placed', () => {
    spec
      .given([placed])
      .when({ type: 'Pay', orderId: 'o1', at: at(1), paymentId: 'early', amount: eur(total), method: 'card' })
      .thenThrows('ORDER_INVALID');
    spec
      .given([placed, paidInFull])
      .when({ type: 'Ship', orderId: 'o1', at: at(1) })
      .thenThrows('ORDER_INVALID');
  });

  it('records the order with its total', () => {
    const order = state([placed]);
    expect(order).toMatchObject({ status: 'received', paymentStatus: 'unpaid', fulfilmentStatus: 'unfulfilled' });
    expect(order.total).toEqual(eur(total));
  });

  it('refuses an order twice, mixed currencies, and physical lines with nowhere to go', () => {
    spec.given([placed]).when(place).thenThrows('ORDER_ALREADY_EXISTS');
    spec
      .given([])
      .when({ ...place, lines: [{ ...place.lines[0], unitPrice: { amount: 1800, currency: 'USD' } } as never] })
      .thenThrows('ORDER_INVALID');
    spec
      .given([])
      .when({ ...place, delivery: { method: 'none' } })
      .thenThrows('ORDER_INVALID');
  });

  it('adds partial payments, so what is still due can be seen', () => {
    const deposit: OrderEvent = {
      type: 'Paid',
      data: { at: at(2), paymentId: 'dep', amount: eur(3000), method: 'bank_transfer' },
    };
    const order = state([placed, deposit]);
    expect(order.paymentStatus).toBe('partially_paid');
    expect(amountDue(order)).toEqual(eur(total - 3000));
  });

  it('records the same payment once, and refuses paying more than is due', () => {
    spec
      .given([placed, paidInFull])
      .when({ type: 'Pay', orderId: 'o1', at: at(3), paymentId: 'p1', amount: eur(total), method: 'card' })
      .thenNothingHappens();
    spec
      .given([placed])
      .when({ type: 'Pay', orderId: 'o1', at: at(3), paymentId: 'p2', amount: eur(total + 1), method: 'card' })
      .thenThrows('ORDER_OVERPAYMENT');
  });

  it('fulfils a digital-only order the moment it is fully paid', () => {
    const ebook: PlaceOrder = {
      ...place,
      orderId: 'o2',
      lines: [{ lineId: 'pdf', sku: 'EBOOK', quantity: 1, unitPrice: eur(700), kind: 'digital' }],
      shipping: eur(0),
      delivery: { method: 'none' },
    };
    const [placedEbook] = orderDecider().decide(ebook, orderDecider().initialState());
    spec
      .given([placedEbook as OrderEvent])
      .when({ type: 'Pay', orderId: 'o2', at: at(2, 11), paymentId: 'p9', amount: eur(700), method: 'card' })
      .thenYields([
        { type: 'Paid', data: { at: at(2, 11), paymentId: 'p9', amount: eur(700), method: 'card' } },
        { type: 'DigitalDelivered', data: { at: at(2, 11), lineIds: ['pdf'] } },
      ]);
    spec
      .given([placedEbook as OrderEvent])
      .when({ type: 'Pay', orderId: 'o2', at: at(2, 11), paymentId: 'p9', amount: eur(700), method: 'card' })
      .thenState((order) =>
        expect(order).toMatchObject({ status: 'done', fulfilmentStatus: 'fulfilled', paymentStatus: 'paid' }),
      );
  });
});

describe('digital orders and edits', () => {
  it('delivers digital lines when an edit brings the total down to what was paid', () => {
    const ebooks: PlaceOrder = {
      ...place,
      orderId: 'o3',
      lines: [{ lineId: 'pdf', sku: 'EBOOK', quantity: 2, unitPrice: eur(700), kind: 'digital' }],
      shipping: eur(0),
      delivery: { method: 'none' },
    };
    const decider = orderDecider();
    const [placedEbooks] = decider.decide(ebooks, decider.initialState());
    const halfPaid: OrderEvent = {
      type: 'Paid',
      data: { at: at(2, 11), paymentId: 'p1', amount: eur(700), method: 'card' },
    };
    spec
      .given([placedEbooks as OrderEvent, halfPaid])
      .when({
        type: 'EditOrder',
        orderId: 'o3',
        at: at(2, 12),
        changes: [{ kind: 'QuantityChanged', lineId: 'pdf', quantity: 1 }],
      })
      .thenState((order, events) => {
        expect(events.map((event) => event.type)).toEqual(['OrderEdited', 'DigitalDelivered']);
        expect(order).toMatchObject({ status: 'done', paymentStatus: 'paid' });
      });
  });
});

describe('the status schedule', () => {
  it('goes received → preparing → shipped → done, naming who prepares', () => {
    const preparing: OrderEvent = { type: 'Preparing', data: { at: at(2, 12), preparedBy: 'sam' } };
    expect(state([placed, paidInFull, preparing])).toMatchObject({ status: 'preparing', preparedBy: 'sam' });
    expect(state([placed, paidInFull, preparing, shipped])).toMatchObject({
      status: 'shipped',
      fulfilmentStatus: 'fulfilled',
    });
    expect(state([placed, paidInFull, preparing, shipped, delivered]).status).toBe('done');
  });

  it('refuses fulfilling an unpaid order', () => {
    spec
      .given([placed])
      .when({ type: 'Ship', orderId: 'o1', at: at(3) })
      .thenThrows('ORDER_NOT_PAID');
    spec
      .given([placed])
      .when({ type: 'StartPreparing', orderId: 'o1', at: at(3) })
      .thenThrows('ORDER_NOT_PAID');
  });

  it('lets a pickup order go unpaid to the counter when the store takes payment there', () => {
    const pickup = { ...placed, data: { ...placed.data, delivery: { method: 'pickup' as const } } };
    const payAtPickup = deciderSpecification(orderDecider(orderPolicy({ allowPayAtPickup: true })));
    payAtPickup
      .given([pickup])
      .when({ type: 'MarkReadyForPickup', orderId: 'o1', at: at(3) })
      .thenYields([{ type: 'ReadyForPickup', data: { at: at(3) } }]);
    spec
      .given([pickup])
      .when({ type: 'MarkReadyForPickup', orderId: 'o1', at: at(3) })
      .thenThrows('ORDER_NOT_PAID');
  });

  it('refuses going backwards and the wrong kind of delivery', () => {
    spec
      .given([placed, paidInFull, shipped])
      .when({ type: 'StartPreparing', orderId: 'o1', at: at(4) })
      .thenThrows('ORDER_INVALID_TRANSITION');
    spec
      .given([placed, paidInFull])
      .when({ type: 'MarkReadyForPickup', orderId: 'o1', at: at(4) })
      .thenThrows('ORDER_INVALID_TRANSITION');
    spec
      .given([placed, paidInFull])
      .when({ type: 'MarkDelivered', orderId: 'o1', at: at(4) })
      .thenThrows('ORDER_INVALID_TRANSITION');
  });
});

describe('edits', () => {
  it('swaps a variant and changes quantities before fulfilment, leaving money owed either way', () => {
    spec
      .given([placed, paidInFull])
      .when({
        type: 'EditOrder',
        orderId: 'o1',
        at: at(2, 11),
        changes: [{ kind: 'QuantityChanged', lineId: 'mugs', quantity: 3 }],
      })
      .thenState((order) => {
        expect(order.total).toEqual(eur(total - 1800));
        expect(refundOwed(order)).toEqual(eur(1800));
        expect(amountDue(order)).toEqual(eur(0));
      });
    spec
      .given([placed, paidInFull])
      .when({
        type: 'EditOrder',
        orderId: 'o1',
        at: at(2, 11),
        changes: [{ kind: 'VariantSwapped', lineId: 'tea', sku: 'TEA-500', unitPrice: eur(1700) }],
      })
      .thenState((order) => {
        expect(order.lines[1]).toMatchObject({ sku: 'TEA-500', unitPrice: eur(1700) });
        expect(amountDue(order)).toEqual(eur(750));
      });
  });

  it('refuses an edit once anything has shipped', () => {
    spec
      .given([placed, paidInFull, shipped])
      .when({
        type: 'EditOrder',
        orderId: 'o1',
        at: at(4),
        changes: [{ kind: 'DeliveryNoteChanged', note: 'leave at door' }],
      })
      .thenThrows('ORDER_EDIT_AFTER_FULFILMENT');
  });
});

describe('cancellations and refunds', () => {
  it('cancels with a reason and refunds what was captured', () => {
    spec
      .given([placed, paidInFull])
      .when({ type: 'CancelOrder', orderId: 'o1', at: at(2, 15), reason: 'customer' })
      .thenState((order, events) => {
        expect(events.map((event) => event.type)).toEqual(['OrderCancelled', 'Refunded']);
        expect(order).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded', fulfilmentStatus: 'cancelled' });
        expect(refundOwed(order)).toEqual(eur(0));
      });
  });

  it('shows a cancelled, unrefunded order as a refund owed', () => {
    spec
      .given([placed, paidInFull])
      .when({ type: 'CancelOrder', orderId: 'o1', at: at(2, 15), reason: 'inventory', refund: false })
      .thenState((order) => expect(refundOwed(order)).toEqual(eur(total)));
  });

  it('refuses anything but money and returns on a cancelled order', () => {
    const cancelled: OrderEvent = { type: 'OrderCancelled', data: { at: at(2, 15), reason: 'customer' } };
    spec
      .given([placed, paidInFull, cancelled])
      .when({ type: 'Ship', orderId: 'o1', at: at(3) })
      .thenThrows('ORDER_CANCELLED');
    spec
      .given([placed, paidInFull, cancelled])
      .when({ type: 'EditOrder', orderId: 'o1', at: at(3), changes: [{ kind: 'DeliveryNoteChanged', note: 'x' }] })
      .thenThrows('ORDER_CANCELLED');
    spec
      .given([placed, paidInFull, cancelled])
      .when({ type: 'RefundAmount', orderId: 'o1', at: at(3), refundId: 'r1', reason: 'cancelled', amount: eur(total) })
      .thenState((order) => expect(order.paymentStatus).toBe('refunded'));
  });

  it('refunds one damaged mug of four: money only, stock untouched', () => {
    spec
      .given([placed, paidInFull, shipped, delivered])
      .when({
        type: 'RefundOrder',
        orderId: 'o1',
        at: at(6),
        refundId: 'r1',
        reason: 'damaged',
        lines: [{ lineId: 'mugs', quantity: 1, restock: 'none' }],
      })
      .thenYields([
        {
          type: 'Refunded',
          data: {
            at: at(6),
            refundId: 'r1',
            reason: 'damaged',
            lines: [{ lineId: 'mugs', quantity: 1, amount: eur(1800), restock: 'none' }],
            shipping: eur(0),
            other: eur(0),
            amount: eur(1800),
          },
        },
      ]);
  });

  it('a same-day full refund cancels every unfulfilled unit', () => {
    spec
      .given([placed, paidInFull])
      .when({
        type: 'RefundOrder',
        orderId: 'o1',
        at: at(2, 17),
        refundId: 'r1',
        reason: 'changed_mind',
        lines: [
          { lineId: 'mugs', quantity: 4, restock: 'cancel' },
          { lineId: 'tea', quantity: 1, restock: 'cancel' },
        ],
        shipping: eur(450),
      })
      .thenState((order) => expect(order).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' }));
  });

  it('spreads a partial refund over lines and shipping by largest remainder', () => {
    spec
      .given([placed, paidInFull])
      .when({ type: 'RefundAmount', orderId: 'o1', at: at(3), refundId: 'r1', reason: 'other', amount: eur(1000) })
      .thenState((_, events) => {
        // Exact parts of 1000 over 7200 : 950 : 450 are 837.21, 110.47 and 52.33: the floors
        // make 999, and the one unit left goes to the largest remainder, the tea's .47.
        const refund = events[0] as OrderEventOf<'Refunded'>;
        expect(refund.data.lines.map((line) => line.amount.amount)).toEqual([837, 111]);
        expect(refund.data.shipping).toEqual(eur(52));
        expect(refund.data.amount).toEqual(eur(1000));
      });
  });

  it('refuses refunding more than was paid, more units than a line has, or more than a line is worth', () => {
    spec
      .given([placed, paidInFull])
      .when({ type: 'RefundAmount', orderId: 'o1', at: at(3), refundId: 'r1', reason: 'other', amount: eur(total + 1) })
      .thenThrows('REFUND_EXCEEDS_PAID');
    spec
      .given([placed, paidInFull])
      .when({
        type: 'RefundOrder',
        orderId: 'o1',
        at: at(3),
        refundId: 'r1',
        reason: 'damaged',
        lines: [{ lineId: 'tea', quantity: 2, restock: 'none' }],
      })
      .thenThrows('REFUND_EXCEEDS_UNITS');
    spec
      .given([placed, paidInFull])
      .when({
        type: 'RefundOrder',
        orderId: 'o1',
        at: at(3),
        refundId: 'r1',
        reason: 'damaged',
        lines: [{ lineId: 'tea', quantity: 1, amount: eur(951), restock: 'none' }],
      })
      .thenThrows('REFUND_EXCEEDS_LINE');
    spec
      .given([placed])
      .when({ type: 'RefundAmount', orderId: 'o1', at: at(3), refundId: 'r1', reason: 'other', amount: eur(1) })
      .thenThrows('REFUND_EXCEEDS_PAID');
  });

  it('refuses restocking units that never left, and cancel-restocking units that did', () => {
    spec
      .given([placed, paidInFull])
      .when({
        type: 'RefundOrder',
        orderId: 'o1',
        at: at(3),
        refundId: 'r1',
        reason: 'changed_mind',
        lines: [{ lineId: 'mugs', quantity: 1, restock: 'return' }],
      })
      .thenThrows('RESTOCK_UNITS_NEVER_LEFT');
    spec
      .given([placed, paidInFull, shipped])
      .when({
        type: 'RefundOrder',
        orderId: 'o1',
        at: at(4),
        refundId: 'r1',
        reason: 'changed_mind',
        lines: [{ lineId: 'mugs', quantity: 1, restock: 'cancel' }],
      })
      .thenThrows('RESTOCK_UNITS_ALREADY_FULFILLED');
  });

  it('a refund with restock return records the units coming back first', () => {
    spec
      .given([placed, paidInFull, shipped, delivered])
      .when({
        type: 'RefundOrder',
        orderId: 'o1',
        at: at(8),
        refundId: 'r1',
        reason: 'changed_mind',
        lines: [{ lineId: 'mugs', quantity: 2, restock: 'return' }],
      })
      .thenState((order, events) => {
        expect(events.map((event) => event.type)).toEqual(['ReturnReceived', 'Refunded']);
        expect(order.lines[0]).toMatchObject({ returnedResellable: 2, refundedQuantity: 2, refundedAsReturn: 2 });
      });
  });

  it('takes returns only of units that are out', () => {
    spec
      .given([placed, paidInFull, shipped])
      .when({
        type: 'ReceiveReturn',
        orderId: 'o1',
        at: at(9),
        returnId: 'ret1',
        lines: [{ lineId: 'tea', quantity: 2, condition: 'damaged' }],
      })
      .thenThrows('RETURN_EXCEEDS_SHIPPED');
  });
});

describe('"never arrived" claims', () => {
  const claim = { type: 'ClaimNeverArrived', orderId: 'o1', at: at(10), claimId: 'c1' } as const;

  it('settles a claim under the just-fix-it threshold at once, as the store prefers', () => {
    const generous = deciderSpecification(
      orderDecider(orderPolicy({ justFixItBelow: { EUR: 10_000 }, justFixItWith: 'refund' })),
    );
    generous
      .given([placed, paidInFull, shipped])
      .when(claim)
      .thenState((order, events) => {
        expect(events.map((event) => event.type)).toEqual(['NeverArrivedClaimed', 'NeverArrivedSettled', 'Refunded']);
        expect(order.claims[0]).toMatchObject({ settlement: 'refund', automatic: true });
        expect(order.paymentStatus).toBe('refunded');
      });
    const replacing = deciderSpecification(
      orderDecider(orderPolicy({ justFixItBelow: { EUR: 10_000 }, justFixItWith: 'replacement' })),
    );
    replacing
      .given([placed, paidInFull, shipped])
      .when(claim)
      .thenState((order) => expect(order.lines.map((line) => line.replaced)).toEqual([4, 1]));
  });

  it('asks for the store’s decision above the threshold, then records it', () => {
    const strict = orderDecider(orderPolicy({ justFixItBelow: { EUR: 2000 } }));
    const claimed = strict.decide(claim, fold(strict, [placed, paidInFull, shipped]));
    expect(claimed.map((event) => event.type)).toEqual(['NeverArrivedClaimed']);
    deciderSpecification(strict)
      .given([placed, paidInFull, shipped, ...claimed])
      .when({
        type: 'SettleNeverArrived',
        orderId: 'o1',
        at: at(12),
        claimId: 'c1',
        settlement: 'refused',
        note: 'signed for at the door',
      })
      .thenState((order) => expect(order.claims[0]).toMatchObject({ settlement: 'refused', automatic: false }));
  });

  it('refuses a claim before anything shipped', () => {
    spec.given([placed, paidInFull]).when(claim).thenThrows('CLAIM_NOT_ALLOWED');
  });
});
