import type { LineState, OrderEvent, RefundReason } from '@order-ledger/core';
import { command, type OrderAnswer, read } from './api';
import { facts, h, link, section, table, timeline } from './dom';
import type { ViewContext } from './view-context';
import { describeEvent, money, refundReasonWords, statusWords, when } from './words';

type Order = OrderAnswer['order'];

interface Step {
  readonly label: string;
  readonly path: string;
  /** Why the step cannot be taken yet, when it cannot. */
  readonly blocked?: string;
}

/** The step that comes next for an order where it stands, as the shop API names it. */
function nextSteps(order: Order): Step[] {
  const unpaid =
    order.due.amount > 0 && !order.payAtPickup ? `waiting for ${money(order.due.amount, order.currency)}` : undefined;
  const step = (label: string, path: string, blocked = unpaid): Step =>
    blocked === undefined ? { label, path } : { label, path, blocked };
  switch (order.status) {
    case 'received':
      return [step('Start preparing', 'preparing')];
    case 'preparing':
      return order.delivery.method === 'pickup'
        ? [step('Ready for pickup', 'ready-for-pickup')]
        : [step('Mark shipped', 'shipment')];
    case 'ready_for_pickup':
      return [step('Picked up', 'picked-up')];
    case 'shipped':
      return [step('Delivered', 'delivered', undefined)];
    default:
      return [];
  }
}

/**
 * The refund reason last chosen: the view is drawn anew whenever the ledger moves (anyone's
 * write), and a choice made just before must survive that.
 */
let refundReason: RefundReason = 'other';

const refundable = (line: LineState) => line.quantity - line.refundedQuantity;
/** Units that never left: a refund of one releases it from the shelf's commitments. */
const open = (line: LineState) => line.quantity - line.fulfilled - line.cancelled;

function lineName(line: LineState): string {
  return line.title === undefined ? line.sku : `${line.title} (${line.sku})`;
}

/** One order: where it stands, its lines and money, buttons for the next step, its whole history. */
export async function orderView(orderId: string, context: ViewContext): Promise<HTMLElement> {
  const { order, events } = await read<OrderAnswer>(`/orders/${encodeURIComponent(orderId)}`);
  const base = `/orders/${encodeURIComponent(order.orderId)}`;
  const netPaid = order.paid.amount - order.refunded.amount;
  const reason = h(
    'select',
    {
      name: 'reason',
      'aria-label': 'Refund reason',
      onchange: (event: Event) => {
        refundReason = (event.target as HTMLSelectElement).value as RefundReason;
      },
    },
    (Object.keys(refundReasonWords) as RefundReason[]).map((key) =>
      h('option', { value: key, selected: key === refundReason }, refundReasonWords[key]),
    ),
  );
  const refund = (line: LineState) =>
    context.act(() =>
      command(`${base}/refunds`, {
        refundId: `refund-${crypto.randomUUID()}`,
        reason: refundReason,
        lines: [{ lineId: line.lineId, quantity: 1, restock: open(line) > 0 ? 'cancel' : 'none' }],
      }),
    );
  const amountOf = (amount: { amount: number; currency: string }) => money(amount.amount, amount.currency);
  const { address, pickupLocation } = order.delivery;
  const delivery =
    order.delivery.method === 'ship'
      ? `Ship to ${address === undefined ? 'an address not given' : `${address.line1}, ${address.city}`}`
      : order.delivery.method === 'pickup'
        ? `Pickup${pickupLocation === undefined ? '' : ` at ${pickupLocation}`}`
        : 'Nothing to deliver';

  return h(
    'div',
    {},
    h(
      'h1',
      {},
      `Order ${order.orderId} `,
      h('span', { class: `status status-${order.status}` }, statusWords[order.status]),
    ),
    h(
      'p',
      { class: 'muted' },
      'Customer ',
      link(`/customers/${encodeURIComponent(order.customerId)}`, order.customerId),
      ` · placed ${when(order.placedAt)} · ${delivery}`,
    ),
    section(
      'Next step',
      'next-step',
      nextSteps(order).length === 0
        ? h('p', { class: 'empty' }, 'Nothing left to do.')
        : nextSteps(order).map((step) =>
            h(
              'button',
              {
                type: 'button',
                disabled: step.blocked !== undefined,
                title: step.blocked,
                onclick: () => context.act(() => command(`${base}/${step.path}`, {})),
              },
              step.label,
            ),
          ),
      nextSteps(order)
        .filter((step) => step.blocked !== undefined)
        .map((step) => h('p', { class: 'muted' }, `${step.label}: ${step.blocked}`)),
    ),
    section(
      'Lines',
      'lines',
      netPaid > 0 ? h('p', {}, h('label', { class: 'muted' }, 'Refund reason ', reason)) : null,
      table(
        ['Item', 'Ordered', 'Unit price', 'Sent', 'Refunded', ''],
        order.lines.map((line) => [
          lineName(line),
          String(line.quantity),
          amountOf(line.unitPrice),
          String(line.fulfilled),
          line.refundedQuantity === 0 ? '—' : `${line.refundedQuantity} (${amountOf(line.refundedAmount)})`,
          refundable(line) > 0 && netPaid > 0
            ? h('button', { type: 'button', class: 'secondary', onclick: () => refund(line) }, 'Refund one')
            : '',
        ]),
        'No lines.',
      ),
    ),
    section(
      'Money',
      'money',
      facts([
        ['Total', amountOf(order.total)],
        ['Paid', amountOf(order.paid)],
        ['Refunded', amountOf(order.refunded)],
        ['Still due', amountOf(order.due)],
        ['Owed back', amountOf(order.owed)],
      ]),
    ),
    timeline(
      events.map((event) => {
        const orderEvent = { type: event.type, data: event.data } as OrderEvent;
        return [orderEvent.data.at, describeEvent(orderEvent)] as const;
      }),
    ),
  );
}
