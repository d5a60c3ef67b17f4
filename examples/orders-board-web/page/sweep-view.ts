import type { OutgrownSign } from '@order-ledger/weekly-sweep';
import { readReport } from './api';
import { pendingMoneyPart, stuckPart } from './board-parts';
import { h, section, table } from './dom';
import { truthCheckPart } from './truth-check';
import { plain, refundReasonWords, when } from './words';

function sign(outgrown: OutgrownSign): string {
  switch (outgrown.kind) {
    case 'stuck-week-after-week':
      return `Orders were stuck ${outgrown.consecutiveWeeks} weeks in a row (${outgrown.stuckPerWeek.join(', ')} a week, newest first).`;
    case 'packing-errors':
      return `${outgrown.refunds} refunds for packing errors.`;
    case 'unassigned-preparation':
      return `${outgrown.preparers} people prepare orders, but ${outgrown.orders.length} were prepared by nobody named.`;
  }
}

/** The weekly sweep: stuck, money pending, the stock's truth, the week's adjustments and refunds. */
export async function sweepView(): Promise<HTMLElement> {
  const sweep = await readReport('/sweep');
  const gaps = sweep.ledgerGaps.orphanedReservations.length + sweep.ledgerGaps.missingStockMovements.length;
  return h(
    'div',
    {},
    h('h1', {}, 'Weekly sweep'),
    h('p', { class: 'muted' }, `The week from ${when(sweep.weekFrom)} to ${when(sweep.asOf)}`),
    stuckPart(sweep.stuck),
    pendingMoneyPart(sweep.pendingMoney),
    section('Does the stock tell the truth?', 'truth-check', truthCheckPart(sweep.stock)),
    section(
      'Stock moved by hand this week',
      'adjustments',
      table(
        ['Why', 'Entries', 'Units'],
        Object.entries(sweep.adjustments).map(([reason, entry]) => [
          plain(reason),
          String(entry.entries),
          String(entry.units),
        ]),
        'No breakage, in-person sales or recounts this week.',
      ),
    ),
    section(
      'Refunds this week',
      'refunds',
      table(
        ['Why', 'Refunds', 'Units back'],
        Object.entries(sweep.refunds).map(([reason, entry]) => [
          refundReasonWords[reason as keyof typeof refundReasonWords] ?? plain(reason),
          String(entry.refunds),
          String(entry.returnedUnits),
        ]),
        'No refunds this week.',
      ),
    ),
    section(
      'Signs the shop has outgrown a weekly sweep',
      'outgrown',
      sweep.outgrown.length === 0
        ? h('p', { class: 'empty' }, 'None.')
        : h(
            'ul',
            {},
            sweep.outgrown.map((each) => h('li', {}, sign(each))),
          ),
      gaps === 0
        ? null
        : h('p', { class: 'warn' }, `${gaps} half-written step(s) in the ledger: run order-ledger reconcile.`),
    ),
  );
}
