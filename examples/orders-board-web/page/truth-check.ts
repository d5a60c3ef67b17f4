import type { TruthCheck } from '@order-ledger/projection-stock-counts';
import { h, table } from './dom';
import { when } from './words';

/** Does the stock tell the truth: the counts against a fresh fold of the history, and what needs a look. */
export function truthCheckPart(check: TruthCheck): HTMLElement {
  return h(
    'div',
    { class: 'truth' },
    h(
      'p',
      { class: check.truthful ? 'verdict ok' : 'verdict warn' },
      check.truthful
        ? 'The stock tells the truth: the counts match a fresh fold of the history, nothing is oversold or shrinking.'
        : 'The stock needs a look.',
    ),
    table(
      ['SKU', 'Compared with', 'Count', 'Counts say', 'Should be'],
      check.differences.map((difference) => [
        difference.sku,
        difference.against === 'fresh-fold' ? 'the history' : 'a count on the shelf',
        { onHand: 'on hand', committed: 'promised to orders', available: 'available' }[difference.field],
        String(difference.counts),
        String(difference.expected),
      ]),
      'No difference between the counts and the history.',
    ),
    check.oversold.length === 0
      ? null
      : h('p', {}, 'Oversold: ', check.oversold.map((entry) => `${entry.sku} (${entry.available})`).join(', ')),
    check.shrinking.length === 0
      ? null
      : h(
          'p',
          {},
          'Shrinking: ',
          check.shrinking.map((entry) => `${entry.sku} (${entry.missingUnits} missing)`).join(', '),
        ),
    check.staleCounts.length === 0
      ? null
      : h(
          'p',
          { class: 'muted' },
          'Not counted lately: ',
          check.staleCounts
            .map((entry) => `${entry.sku} (${entry.lastCountedAt === null ? 'never' : when(entry.lastCountedAt)})`)
            .join(', '),
        ),
  );
}
