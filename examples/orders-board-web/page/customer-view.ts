import type { OrderEvent } from '@order-ledger/core';
import { type CustomerAnswer, read } from './api';
import { facts, h, link, timeline } from './dom';
import { describeEvent, money, when } from './words';

/** A customer's timeline: every order event and touchpoint, oldest first, and what they spent. */
export async function customerView(customerId: string): Promise<HTMLElement> {
  const customer = await read<CustomerAnswer>(`/customers/${encodeURIComponent(customerId)}`);
  const spent = (amount: number) => (customer.currency === null ? '—' : money(amount, customer.currency));
  return h(
    'div',
    {},
    h('h1', {}, `Customer ${customer.customerId}`),
    facts([
      ['Orders', String(customer.orderCount)],
      ['Cancelled', String(customer.cancelledCount)],
      ['Paid', spent(customer.paid)],
      ['Refunded', spent(customer.refunded)],
      ['First order', when(customer.firstOrderAt)],
      ['Latest order', when(customer.lastOrderAt)],
    ]),
    timeline(
      customer.entries.map((entry) =>
        entry.kind === 'order'
          ? ([
              entry.at,
              link(`/orders/${encodeURIComponent(entry.orderId)}`, `Order ${entry.orderId}`),
              ': ',
              describeEvent({ type: entry.type, data: entry.data } as OrderEvent),
            ] as const)
          : ([entry.at, `${entry.channel}: ${entry.summary}`] as const),
      ),
    ),
  );
}
