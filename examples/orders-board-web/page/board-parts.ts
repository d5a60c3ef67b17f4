import type { BoardRow, PendingMoney } from '@order-ledger/projection-orders-board';
import { type Child, h, link, section, table } from './dom';
import { age, money, pendingMoneyWords, statusWords, stuckWords } from './words';

export function orderLink(orderId: string, text: string = orderId): HTMLAnchorElement {
  return link(`/orders/${encodeURIComponent(orderId)}`, text);
}

export function customerLink(customerId: string): HTMLAnchorElement {
  return link(`/customers/${encodeURIComponent(customerId)}`, customerId);
}

export function stuckBadges(row: BoardRow): Child {
  return row.stuck.map((reason) => h('span', { class: 'badge stuck' }, stuckWords[reason]));
}

/** The stuck orders and why: on the board and in the weekly sweep alike. */
export function stuckPart(rows: readonly BoardRow[]): HTMLElement {
  return section(
    'Stuck',
    'stuck',
    table(
      ['Order', 'Customer', 'Status', 'For', 'Why'],
      rows.map((row) => [
        orderLink(row.orderId),
        customerLink(row.customerId),
        statusWords[row.status],
        age(row.ageDays),
        stuckBadges(row),
      ]),
      'Nothing is stuck.',
    ),
  );
}

/** Money an order waits for or owes back: on the board and in the weekly sweep alike. */
export function pendingMoneyPart(rows: readonly PendingMoney[]): HTMLElement {
  return section(
    'Pending money',
    'pending-money',
    table(
      ['Order', 'Customer', 'What', 'Amount'],
      rows.map((pending) => [
        orderLink(pending.orderId),
        customerLink(pending.customerId),
        pendingMoneyWords[pending.kind],
        h('span', { class: 'amount' }, money(pending.amount, pending.currency)),
      ]),
      'No money is pending.',
    ),
  );
}
