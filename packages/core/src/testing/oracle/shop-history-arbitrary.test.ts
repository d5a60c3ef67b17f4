import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerOracle } from './ledger-oracle';
import { shopHistoryArbitrary } from './shop-history-arbitrary';

/**
 * The generator reaches what it claims: run through the oracle alone (fast, and independent of the
 * ledger), a sample of histories touches every command type, every refusal code, every status,
 * pay-at-pickup, every delivery method and edit kind, and spans weeks to months with gaps from
 * seconds to weeks over many buyers and addresses.
 */
describe('shop histories reach the real world', () => {
  const histories = fc.sample(shopHistoryArbitrary(), { numRuns: 150, seed: 20261129 });
  const commandTypes = new Set<string>();
  const variants = new Set<string>();
  const codes = new Set<string>();
  const statuses = new Set<string>();
  const spansDays: number[] = [];
  const gapsMs: number[] = [];
  const customers = new Set<string>();
  const addresses = new Set<string>();
  let accepted = 0;
  /** How often the paths where the ledger was found wrong are walked, not only whether. */
  const paths: Record<string, number> = {};
  const walk = (path: string) => {
    paths[path] = (paths[path] ?? 0) + 1;
  };
  for (const history of histories) {
    const oracle = new LedgerOracle(history.policy);
    let previous: number | undefined;
    for (const command of history.commands) {
      commandTypes.add(command.type);
      const time = Date.parse(command.at);
      if (previous !== undefined && time > previous) gapsMs.push(time - previous);
      previous = time;
      const owedBefore = 'orderId' in command ? (oracle.order(command.orderId)?.owed ?? 0) : 0;
      const outcome = oracle.execute(command);
      if (!outcome.accepted) codes.add(outcome.code);
      if (!outcome.accepted && outcome.code === 'STOCK_PROMISED') walk('hand sale of promised units refused');
      if (!outcome.accepted && outcome.code === 'STOCK_NEGATIVE' && command.type !== 'AdjustStock') {
        walk('shipment from a short shelf refused');
      }
      if (!outcome.accepted && outcome.code === 'OUT_OF_STOCK') walk('checkout or edit out of stock');
      if (outcome.accepted && command.type === 'RefundAmount' && owedBefore > 0) walk('refund while money is owed');
      if (outcome.accepted && command.type === 'AdjustStock' && command.force === true && command.delta < 0) {
        walk('forced hand sale');
      }
      if (outcome.accepted && command.type === 'RefundOrder') {
        for (const line of command.lines ?? []) {
          const state = oracle.peekOrder(command.orderId)?.lines.find((candidate) => candidate.lineId === line.lineId);
          if (line.restock === 'return' && state !== undefined && state.returnedDamaged > 0) {
            walk('refund with return on a line with a damaged return');
          }
        }
      } else {
        accepted += 1;
        if (command.type === 'PlaceOrder') {
          customers.add(command.customerId);
          if (command.delivery.address !== undefined) addresses.add(command.delivery.address.line1);
          variants.add(`delivery:${command.delivery.method}`);
          if (command.payAtPickup === true) variants.add('payAtPickup');
        }
        if (command.type === 'EditOrder') {
          for (const change of command.changes) variants.add(`edit:${change.kind}`);
          if (command.changes.length > 1) variants.add('edit:several');
        }
        if (command.type === 'AdjustStock') variants.add(`adjust:${command.reason}${command.force ? ':forced' : ''}`);
        if (command.type === 'RefundOrder') {
          for (const line of command.lines ?? []) variants.add(`refund:${line.restock}`);
          if ((command.shipping?.amount ?? 0) > 0) variants.add('refund:shipping');
          if ((command.other?.amount ?? 0) > 0) variants.add('refund:other');
        }
        if (command.type === 'ReceiveReturn')
          for (const line of command.lines) variants.add(`return:${line.condition}`);
        if (command.type === 'SettleNeverArrived') variants.add(`settle:${command.settlement}`);
        if (command.type === 'CancelOrder') variants.add(`cancel:refund=${command.refund}`);
      }
      if ('orderId' in command) {
        const view = oracle.order(command.orderId);
        if (view !== undefined) statuses.add(view.status);
      }
    }
    const times = history.commands.map((command) => Date.parse(command.at));
    spansDays.push((Math.max(...times) - Math.min(...times)) / 86_400_000);
  }

  it('every command type, accepted many times', () => {
    expect([...commandTypes].sort()).toEqual(
      [
        'AdjustStock',
        'CancelOrder',
        'ClaimNeverArrived',
        'EditOrder',
        'MarkDelivered',
        'MarkPickedUp',
        'MarkReadyForPickup',
        'Pay',
        'PlaceOrder',
        'ReceiveReturn',
        'RecountStock',
        'RefundAmount',
        'RefundOrder',
        'SettleNeverArrived',
        'Ship',
        'StartPreparing',
      ].sort(),
    );
    expect(accepted).toBeGreaterThan(histories.length * 40);
  });

  it('every variant: deliveries, pay at pickup, edit kinds, adjustment reasons, refunds, returns, settlements', () => {
    const wanted = [
      'delivery:ship',
      'delivery:pickup',
      'delivery:none',
      'payAtPickup',
      'edit:AddressChanged',
      'edit:DeliveryNoteChanged',
      'edit:VariantSwapped',
      'edit:QuantityChanged',
      'edit:several',
      'adjust:received',
      'adjust:breakage',
      'adjust:in_person_sale',
      'adjust:restock',
      'adjust:other',
      'adjust:in_person_sale:forced',
      'refund:none',
      'refund:cancel',
      'refund:return',
      'refund:shipping',
      'refund:other',
      'return:resellable',
      'return:damaged',
      'settle:refund',
      'settle:replacement',
      'settle:split',
      'settle:refused',
      'cancel:refund=true',
      'cancel:refund=false',
    ];
    expect(wanted.filter((variant) => !variants.has(variant))).toEqual([]);
  });

  it('every refusal code the ledger has for these commands', () => {
    const wanted = [
      'ORDER_NOT_FOUND',
      'ORDER_ALREADY_EXISTS',
      'ORDER_INVALID',
      'ORDER_CANCELLED',
      'ORDER_NOT_PAID',
      'ORDER_ALREADY_FULFILLED',
      'ORDER_INVALID_TRANSITION',
      'ORDER_EDIT_AFTER_FULFILMENT',
      'ORDER_OVERPAYMENT',
      'PAYMENT_ID_REUSED',
      'REFUND_ID_REUSED',
      'RETURN_ID_REUSED',
      'REFUND_EXCEEDS_PAID',
      'REFUND_EXCEEDS_LINE',
      'REFUND_EXCEEDS_UNITS',
      'RESTOCK_UNITS_NEVER_LEFT',
      'RESTOCK_UNITS_ALREADY_FULFILLED',
      'RETURN_EXCEEDS_SHIPPED',
      'CLAIM_NOT_ALLOWED',
      'CLAIM_NOT_FOUND',
      'UNKNOWN_LINE',
      'OUT_OF_STOCK',
      'STOCK_NEGATIVE',
      'STOCK_PROMISED',
      'STOCK_INVALID',
      'COMMAND_INVALID',
    ];
    expect(wanted.filter((code) => !codes.has(code))).toEqual([]);
  });

  it('walks the paths where the ledger was found wrong, many times each', () => {
    expect(paths).toMatchObject({
      'hand sale of promised units refused': expect.any(Number),
      'shipment from a short shelf refused': expect.any(Number),
      'checkout or edit out of stock': expect.any(Number),
      'refund while money is owed': expect.any(Number),
      'forced hand sale': expect.any(Number),
      'refund with return on a line with a damaged return': expect.any(Number),
    });
    for (const [path, count] of Object.entries(paths)) expect(count, path).toBeGreaterThanOrEqual(10);
  });

  it('every status', () => {
    expect([...statuses].sort()).toEqual(
      ['cancelled', 'done', 'preparing', 'ready_for_pickup', 'received', 'shipped'].sort(),
    );
  });

  it('weeks to months, gaps from seconds to weeks, many buyers and addresses', () => {
    const sorted = [...spansDays].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(60);
    expect(sorted.at(-1)).toBeGreaterThan(150);
    expect(Math.min(...gapsMs)).toBeLessThan(10_000);
    expect(Math.max(...gapsMs)).toBeGreaterThan(10 * 86_400_000);
    expect(customers.size).toBeGreaterThanOrEqual(8);
    expect(addresses.size).toBe(4);
  });
});
