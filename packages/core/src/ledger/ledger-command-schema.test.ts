import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import type { LedgerCommand } from './ledger-command';
import { OrderLedger } from './order-ledger';

const at = '2026-03-02T09:00:00Z';
const placeWith = (line: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({
    type: 'PlaceOrder',
    orderId: '1001',
    customerId: 'ada',
    at,
    currency: 'EUR',
    lines: [
      {
        lineId: 'l1',
        sku: 'MUG',
        quantity: 1,
        unitPrice: { amount: 1800, currency: 'EUR' },
        kind: 'physical',
        ...line,
      },
    ],
    delivery: { method: 'pickup' },
    ...extra,
  }) as unknown as LedgerCommand;

async function refusal(command: LedgerCommand): Promise<{ code: string; message: string }> {
  const ledger = new OrderLedger(new InMemoryEventStore());
  await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: 5, reason: 'received' });
  return ledger.execute(command).then(
    () => ({ code: 'accepted', message: '' }),
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );
}

describe('commands are checked before anything is decided, each mistake in its own words', () => {
  it('an unknown command type names itself and the known ones', async () => {
    const { code, message } = await refusal({ type: 'ShipOrder', orderId: '1001', at } as unknown as LedgerCommand);
    expect(code).toBe('COMMAND_INVALID');
    expect(message).toContain('unknown command type "ShipOrder"');
    expect(message).toContain('Ship');
  });

  it('"2" as a quantity and -1 as a quantity say which field and why', async () => {
    const text = await refusal(placeWith({ quantity: '2' }));
    expect(text.code).toBe('COMMAND_INVALID');
    expect(text.message).toMatch(/PlaceOrder for order 1001: lines\.0\.quantity: .*number/);
    const negative = await refusal(placeWith({ quantity: -1 }));
    expect(negative.code).toBe('COMMAND_INVALID');
    expect(negative.message).toMatch(/lines\.0\.quantity: .*(>0|positive|greater)/i);
  });

  it('a wrong adjustment reason lists the valid ones; only "recount" points to RecountStock', async () => {
    const adjust = (reason: string) =>
      ({ type: 'AdjustStock', sku: 'MUG', at, delta: -1, reason }) as unknown as LedgerCommand;
    const damaged = await refusal(adjust('damaged'));
    expect(damaged.code).toBe('COMMAND_INVALID');
    expect(damaged.message).toMatch(/reason: .*"breakage"/);
    expect(damaged.message).not.toContain('RecountStock');
    expect((await refusal(adjust('recount'))).message).toContain('a recount is its own command: RecountStock');
  });

  it('an unknown key on the command is refused; unknown keys inside a line are not stored', async () => {
    expect((await refusal(placeWith({}, { quantitty: 3 }))).message).toMatch(/quantitty/);
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    await ledger.execute({ type: 'AdjustStock', sku: 'MUG', at, delta: 5, reason: 'received' });
    await ledger.execute(placeWith({ junk: 'x'.repeat(100_000) }));
    const [placed] = await store.readStream('order-1001');
    expect(JSON.stringify(placed?.data)).not.toContain('junk');
  });

  it('what was checked is what is stored: a getter cannot change the value after the check', async () => {
    const store = new InMemoryEventStore();
    const ledger = new OrderLedger(store);
    let reads = 0;
    const sneaky = {
      type: 'AdjustStock',
      sku: 'MUG',
      at,
      reason: 'received',
      get delta() {
        reads += 1;
        return reads === 1 ? 1 : 1.5;
      },
    } as unknown as LedgerCommand;
    await ledger.execute(sneaky);
    const [adjusted] = await store.readStream('stock-MUG');
    expect(adjusted?.data).toMatchObject({ delta: 1 });
    expect((await ledger.stock('MUG')).onHand).toBe(1);
  });
});
