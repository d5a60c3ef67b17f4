import { readReport } from './api';
import { h, section, table } from './dom';
import { truthCheckPart } from './truth-check';
import { when } from './words';

/** Every SKU's counts, and the truth check (from the weekly sweep, which folds the stock afresh). */
export async function stockView(): Promise<HTMLElement> {
  const [stock, sweep] = await Promise.all([readReport('/stock'), readReport('/sweep')]);
  return h(
    'div',
    {},
    h('h1', {}, 'Stock'),
    section(
      'Counts',
      'counts',
      table(
        ['SKU', 'On hand', 'Promised to orders', 'Available', 'Last counted'],
        stock.skus.map((sku) => [
          sku.sku,
          String(sku.onHand),
          String(sku.committed),
          h('span', { class: sku.available < 0 ? 'warn' : '' }, String(sku.available)),
          sku.lastCountedAt === null ? 'never' : when(sku.lastCountedAt),
        ]),
        'No stock recorded yet.',
      ),
    ),
    section('Does the stock tell the truth?', 'truth-check', truthCheckPart(sweep.stock)),
  );
}
