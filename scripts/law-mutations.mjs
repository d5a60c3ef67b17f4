#!/usr/bin/env node
/**
 * Proves the laws have teeth: breaks the code in one place at a time, runs the law tests, and
 * reports whether each break turned a law red. Every file is restored afterwards, even on failure.
 *
 *   node scripts/law-mutations.mjs
 *
 * Not part of `pnpm test` (it runs the law suite once per break, about a minute and a half in
 * all); CI runs it after the tests.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const core = 'packages/core/src';
const breaks = [
  {
    name: 'a command run again keeps the reservations of its dead first run',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      if (leftovers.length > 0) {',
    to: '      if (leftovers.length > 0 && false) {',
    laws: 'reservation.law',
  },
  {
    name: 'the reconciler does not complete stock movements that never landed',
    file: `${core}/ledger/reconcile-ledger.ts`,
    from: '  for (const missing of gaps.missingStockMovements) {',
    to: '  for (const missing of gaps.missingStockMovements.slice(0, 0)) {',
    laws: 'reservation.law',
  },
  {
    name: 'the reconciler does not release orphaned reservations',
    file: `${core}/ledger/reconcile-ledger.ts`,
    from: '  for (const [sku, ids] of bySku) await releaseReservations(store, stockStreamId(sku), ids, at);',
    to: '  for (const [sku, ids] of bySku) void [sku, ids, at];',
    laws: 'reservation.law',
  },
  {
    name: 'a resellable return is not restocked',
    file: `${core}/stock/stock-movements.ts`,
    from: "entry.condition !== 'resellable') return [];",
    to: "entry.condition !== 'resellable' || true) return [];",
    laws: 'inventory.law',
  },
  {
    name: 'a cancellation does not release its commitment',
    file: `${core}/stock/stock-movements.ts`,
    from: "        .filter((line) => openUnits(line) > 0)\n        .map((line) => ({\n          type: 'ReleaseStock',",
    to: "        .filter((line) => openUnits(line) > 1000)\n        .map((line) => ({\n          type: 'ReleaseStock',",
    laws: 'inventory.law',
  },
  {
    name: 'a refund with restock none releases stock',
    file: `${core}/stock/stock-movements.ts`,
    from: "refund.restock !== 'cancel' || refund.quantity === 0",
    to: "refund.restock === 'return' || refund.quantity === 0",
    laws: 'inventory.law',
  },
  {
    name: 'a damaged return is restocked',
    file: `${core}/stock/stock-movements.ts`,
    from: "entry.condition !== 'resellable') return [];",
    to: 'false) return [];',
    laws: 'inventory.law',
  },
  {
    name: 'digital lines commit stock',
    file: `${core}/stock/stock-movements.ts`,
    from: "        .filter((line) => line.kind === 'physical')\n        .map((line) => ({\n          type: 'CommitStock',",
    to: "        .filter((line) => line.kind !== undefined)\n        .map((line) => ({\n          type: 'CommitStock',",
    laws: 'inventory.law',
  },
  {
    name: 'a refund may pass what was paid',
    file: `${core}/order/decide-refund.ts`,
    from: '  if (amount > netPaid(state)) {',
    to: '  if (amount > netPaid(state) + 500) {',
    laws: 'order.law',
  },
  {
    name: 'a shipped order can go back to preparing',
    file: `${core}/order/decide-lifecycle.ts`,
    from: "requireStatus(state, ['received'], 'prepared');",
    to: "requireStatus(state, ['received', 'shipped', 'ready_for_pickup'], 'prepared');",
    laws: 'order.law',
  },
  {
    name: 'an event delivered twice is folded twice',
    file: `${core}/event-store/fold-stream.ts`,
    from: 'if (event.revision <= revision) continue;',
    to: '',
    laws: 'order.law',
  },
  {
    name: 'folding in pieces restarts the state',
    file: `${core}/event-store/fold-stream.ts`,
    from: 'let { state, revision } = from;',
    to: 'let { state, revision } = from; if (revision > 3) state = decider.initialState();',
    laws: 'order.law',
  },
  {
    name: 'a refund of an overpayment is spread over the lines (and stays owed)',
    file: `${core}/order/refund-allocation.ts`,
    from: '  const forOverpayment = Math.min(amount.amount, overpaid);',
    to: '  const forOverpayment = 0 * Math.min(amount.amount, overpaid);',
    laws: 'oracle.law',
  },
  {
    name: 'a refund with return after a damaged return records a phantom resellable unit',
    file: `${core}/order/decide-refund.ts`,
    from: 'const backAlready = line.returnedResellable + line.returnedDamaged - line.refundedAsReturn;',
    to: 'const backAlready = line.returnedResellable - line.refundedAsReturn;',
    laws: 'oracle.law',
  },
  {
    name: 'units leave a shelf that does not have them (on hand below zero)',
    file: `${core}/stock/stock-decider.ts`,
    from: '      if (quantity > state.onHand) {',
    to: '      if (quantity > state.onHand + 1000) {',
    laws: 'oracle.law',
  },
  {
    name: 'a sale by hand takes units promised to orders without being forced',
    file: `${core}/stock/stock-decider.ts`,
    from: '      if (takesPromised && command.force !== true) {',
    to: '      if (takesPromised && command.force === undefined && false) {',
    laws: 'oracle.law',
  },
  {
    name: 'a checkout may promise one unit more than is available',
    file: `${core}/stock/stock-decider.ts`,
    from: '      if (command.quantity > state.available && !policy.allowBackorders) {',
    to: '      if (command.quantity > state.available + 1 && !policy.allowBackorders) {',
    laws: 'oracle.law',
  },
  {
    name: 'a payment id sent again with another amount is taken as the same payment',
    file: `${core}/order/decide-lifecycle.ts`,
    from: '    if (earlier === undefined || earlier === command.amount.amount) return [];',
    to: '    if (earlier !== -1) return [];',
    laws: 'oracle.law',
  },
  {
    name: 'a retry on an atomic store releases the live units of its original',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      const leftovers = atomic ? [] : openReservationsOf(events, commandId);',
    to: '      const leftovers = openReservationsOf(events, commandId);',
    tests: `${core}/ledger/order-ledger-races.test.ts`,
  },
  {
    name: 'a stock refusal read against a moved order stream is shown, not retried',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      if (now.length === 0) throw error;',
    to: '      throw error;',
    tests: `${core}/ledger/order-ledger-races.test.ts`,
  },
];

/** `ONLY=words node scripts/law-mutations.mjs` runs the breaks whose name contains the words. */
const only = process.env.ONLY;

let missed = 0;
for (const change of breaks.filter((candidate) => only === undefined || candidate.name.includes(only))) {
  const original = readFileSync(change.file, 'utf8');
  if (!original.includes(change.from)) {
    console.log(`STALE   ${change.name}: the code it breaks has moved; update this script`);
    missed += 1;
    continue;
  }
  writeFileSync(change.file, original.replace(change.from, change.to));
  try {
    const tests = change.tests ?? `${core}/laws/${change.laws}`;
    const run = spawnSync('npx', ['vitest', 'run', tests], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const red = run.stdout
      .split('\n')
      .filter((line) => line.includes('×'))
      .map((line) => line.trim());
    if (run.status === 0) missed += 1;
    console.log(`${run.status === 0 ? 'MISSED ' : 'CAUGHT '} ${change.name}`);
    for (const line of red) console.log(`          ${line}`);
  } finally {
    writeFileSync(change.file, original);
  }
}
process.exit(missed === 0 ? 0 : 1);
