import { describe, expect, it } from 'vitest';
import { describeQuickstart, runQuickstart } from './quickstart';

describe('the quickstart week', () => {
  it('ends with the orders, money and stock a shopkeeper would expect', async () => {
    const result = await runQuickstart();
    const [ada, grace, linus] = result.orders;
    expect(ada).toMatchObject({ status: 'done', paymentStatus: 'partially_refunded', refunded: { amount: 1800 } });
    expect(grace).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
    expect(linus).toMatchObject({ status: 'received', paymentStatus: 'partially_paid' });
    // Mugs: 10 in, 4 shipped to Ada, Grace's 2 released, 1 broken. Tea: 6 in, 1 shipped, recount found 4, Linus holds 5.
    expect(
      result.stock.map(({ sku, onHand, committed, available }) => ({ sku, onHand, committed, available })),
    ).toEqual([
      { sku: 'MUG-BLUE', onHand: 5, committed: 0, available: 5 },
      { sku: 'TEA-250', onHand: 4, committed: 5, available: -1 },
    ]);
    expect(result.refusals).toEqual([expect.stringContaining('cannot be set out for pickup before it is paid')]);
    expect(describeQuickstart(result)).toContain('#1002 grace  cancelled');
  });
});
