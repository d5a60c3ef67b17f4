import type { EventStore } from '../../event-store/event-store';
import { InMemoryEventStore } from '../../event-store/in-memory-event-store';
import { type LedgerPolicy, ledgerPolicy } from '../../ledger/ledger-command';
import { OrderLedger, type OrderLedgerOptions } from '../../ledger/order-ledger';
import { amountDue, refundOwed } from '../../order/order-state';
import { LedgerOracle, type OraclePolicy } from './ledger-oracle';
import { historyCurrency, type ShopHistory, shopProducts } from './shop-history-arbitrary';

/** The ledger's rules for the oracle's: the same store settings, in the ledger's shape. */
export function ledgerPolicyOf(policy: OraclePolicy): LedgerPolicy {
  return ledgerPolicy({
    allowPayAtPickup: policy.allowPayAtPickup,
    allowBackorders: policy.allowBackorders,
    justFixItBelow: policy.justFixItBelow === undefined ? undefined : { [historyCurrency]: policy.justFixItBelow },
    justFixItWith: policy.justFixItWith,
  });
}

/** Where the ledger and the oracle first disagreed, in words a failing test can print. */
export class OracleDisagreement extends Error {
  constructor(step: number, command: unknown, what: string, expected: unknown, actual: unknown) {
    super(
      `step ${step}: ${what}\n  oracle: ${JSON.stringify(expected)}\n  ledger: ${JSON.stringify(actual)}\n  command: ${JSON.stringify(command)}`,
    );
  }
}

const stockedSkus = shopProducts.filter((item) => item.kind === 'physical').map((item) => item.sku);

/**
 * Runs a history through `OrderLedger` on `store` and through a fresh `LedgerOracle`, and after
 * every command compares what each says: accepted or refused (with the same code); the touched
 * order's status, payment status, total, paid, refunded, due and owed, and each line's units; and
 * every stocked SKU's on hand, committed and available. Throws at the first difference. `options`
 * go to the ledger (a small `snapshotEvery` makes every stock load go through a snapshot).
 */
export async function runAgainstOracle(
  history: ShopHistory,
  store: EventStore = new InMemoryEventStore(),
  options: Omit<OrderLedgerOptions, 'policy'> = {},
): Promise<void> {
  const ledger = new OrderLedger(store, { ...options, policy: ledgerPolicyOf(history.policy) });
  const oracle = new LedgerOracle(history.policy);
  for (const [step, command] of history.commands.entries()) {
    const expected = oracle.execute(command);
    let actual: { accepted: true } | { accepted: false; code: string };
    try {
      await ledger.execute(command, { commandId: `cmd-${step}` });
      actual = { accepted: true };
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : `thrown: ${String(error)}`;
      actual = { accepted: false, code };
    }
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new OracleDisagreement(step, command, 'accepted or refused', expected, actual);
    }
    if ('orderId' in command) {
      const want = oracle.order(command.orderId);
      if (want !== undefined) {
        const state = await ledger.order(command.orderId);
        const got = {
          status: state.status,
          paymentStatus: state.paymentStatus,
          total: state.total.amount,
          paid: state.paid.amount,
          refunded: state.refunded.amount,
          due: amountDue(state).amount,
          owed: refundOwed(state).amount,
          lines: state.lines.map((line) => ({
            lineId: line.lineId,
            sku: line.sku,
            quantity: line.quantity,
            fulfilled: line.fulfilled,
            cancelled: line.cancelled,
            refunded: line.refundedQuantity,
            returnedResellable: line.returnedResellable,
            returnedDamaged: line.returnedDamaged,
          })),
        };
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          throw new OracleDisagreement(step, command, `order ${command.orderId}`, want, got);
        }
      }
    }
    for (const sku of stockedSkus) {
      const want = oracle.stock(sku);
      const state = await ledger.stock(sku);
      const got = { onHand: state.onHand, committed: state.committed, available: state.available };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new OracleDisagreement(step, command, `stock of ${sku}`, want, got);
      }
    }
  }
}
