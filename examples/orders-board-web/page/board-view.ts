import type { BoardRow } from '@order-ledger/projection-orders-board';
import { readReport } from './api';
import { customerLink, orderLink, pendingMoneyPart, stuckBadges, stuckPart } from './board-parts';
import { h, section } from './dom';
import { age, day, statusWords } from './words';

const columns = ['received', 'preparing', 'ready_for_pickup', 'shipped'] as const;

function card(row: BoardRow): HTMLElement {
  const returning = row.customerOrdinal > 1 ? ` · order ${row.customerOrdinal}` : '';
  return h(
    'li',
    { class: 'card', 'data-order': row.orderId },
    h('div', { class: 'card-head' }, orderLink(row.orderId, `Order ${row.orderId}`)),
    h('div', {}, customerLink(row.customerId), returning),
    h('div', { class: 'muted' }, `${statusWords[row.status]} ${age(row.ageDays)} · promised ${day(row.promisedBy)}`),
    stuckBadges(row),
  );
}

/** The board: in flight by status and age, the stuck ones with their reasons, money pending. */
export async function boardView(): Promise<HTMLElement> {
  const board = await readReport('/board');
  return h(
    'div',
    {},
    h('h1', {}, 'Orders board'),
    section(
      'In flight',
      'in-flight',
      h(
        'div',
        { class: 'columns' },
        columns.map((status) =>
          h(
            'div',
            { class: 'column', 'data-status': status },
            h('h3', {}, statusWords[status], ' ', h('span', { class: 'count' }, String(board.inFlight[status].length))),
            board.inFlight[status].length === 0
              ? h('p', { class: 'empty' }, 'None')
              : h('ul', {}, board.inFlight[status].map(card)),
          ),
        ),
      ),
    ),
    stuckPart(board.stuck),
    pendingMoneyPart(board.pendingMoney),
  );
}
