#!/usr/bin/env node
/**
 * Proves the laws have teeth: breaks the code in one place at a time, runs the tests that must
 * catch it, and reports whether each break turned one of them red. Every file is restored
 * afterwards, even on failure.
 *
 *   node scripts/law-mutations.mjs            every break
 *   node scripts/law-mutations.mjs follow-ups breaks whose name, file or tests mention `follow-ups`
 *
 * Each break names its tests by `laws`, a vitest filter (a path, or the start of one, from the
 * repository root): the core's law files, the read models' worked examples. A break is caught
 * only when a test fails; a run that fails without a failing test (the filter found nothing, or
 * the broken file no longer loads) says nothing about the tests, and is reported as such.
 *
 * Not part of `pnpm test` (it runs the named tests once per break, a few minutes in all); CI
 * runs it after the tests.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const core = 'packages/core/src';
const laws = `${core}/laws`;
const board = 'packages/projection-orders-board/src';
const followUps = 'packages/follow-ups/src';
const bench = 'packages/bench/src';
const breaks = [
  {
    name: 'a command run again keeps the reservations of its dead first run',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      const leftovers = atomic ? [] : (openReservationsOf(events, commandId) as RecordedEvent<StockCommitted>[]);',
    to: '      const leftovers: RecordedEvent<StockCommitted>[] = [];',
    laws: `${laws}/reservation.law`,
  },
  {
    name: 'the reconciler does not complete stock movements that never landed',
    file: `${core}/ledger/reconcile-ledger.ts`,
    from: '  for (const missing of gaps.missingStockMovements) {',
    to: '  for (const missing of gaps.missingStockMovements.slice(0, 0)) {',
    laws: `${laws}/reservation.law`,
  },
  {
    name: 'the reconciler does not release orphaned reservations',
    file: `${core}/ledger/reconcile-ledger.ts`,
    from: '  for (const [sku, ids] of bySku) await releaseReservations(store, stockStreamId(sku), ids, at);',
    to: '  for (const [sku, ids] of bySku) void [sku, ids, at];',
    laws: `${laws}/reservation.law`,
  },
  {
    name: 'a resellable return is not restocked',
    file: `${core}/stock/stock-movements.ts`,
    from: "entry.condition !== 'resellable') return [];",
    to: "entry.condition !== 'resellable' || true) return [];",
    laws: `${laws}/inventory.law`,
  },
  {
    name: 'a cancellation does not release its commitment',
    file: `${core}/stock/stock-movements.ts`,
    from: "        .filter((line) => openUnits(line) > 0)\n        .map((line) => ({\n          type: 'ReleaseStock',",
    to: "        .filter((line) => openUnits(line) > 1000)\n        .map((line) => ({\n          type: 'ReleaseStock',",
    laws: `${laws}/inventory.law`,
  },
  {
    name: 'a refund with restock none releases stock',
    file: `${core}/stock/stock-movements.ts`,
    from: "refund.restock !== 'cancel' || refund.quantity === 0",
    to: "refund.restock === 'return' || refund.quantity === 0",
    laws: `${laws}/inventory.law`,
  },
  {
    name: 'a damaged return is restocked',
    file: `${core}/stock/stock-movements.ts`,
    from: "entry.condition !== 'resellable') return [];",
    to: 'false) return [];',
    laws: `${laws}/inventory.law`,
  },
  {
    name: 'digital lines commit stock',
    file: `${core}/stock/stock-movements.ts`,
    from: "        .filter((line) => line.kind === 'physical')\n        .map((line) => ({\n          type: 'CommitStock',",
    to: "        .filter((line) => line.kind !== undefined)\n        .map((line) => ({\n          type: 'CommitStock',",
    laws: `${laws}/inventory.law`,
  },
  {
    name: 'a refund may pass what was paid',
    file: `${core}/order/decide-refund.ts`,
    from: '  if (amount > netPaid(state)) {',
    to: '  if (amount > netPaid(state) + 500) {',
    laws: `${laws}/order.law`,
  },
  {
    name: 'a shipped order can go back to preparing',
    file: `${core}/order/decide-lifecycle.ts`,
    from: "requireStatus(state, ['received'], 'prepared');",
    to: "requireStatus(state, ['received', 'shipped', 'ready_for_pickup'], 'prepared');",
    laws: `${laws}/order.law`,
  },
  {
    name: 'an event delivered twice is folded twice',
    file: `${core}/event-store/fold-stream.ts`,
    from: 'if (event.revision <= revision) continue;',
    to: '',
    laws: `${laws}/order.law`,
  },
  {
    name: 'folding in pieces restarts the state',
    file: `${core}/event-store/fold-stream.ts`,
    from: 'let { state, revision } = from;',
    to: 'let { state, revision } = from; if (revision > 3) state = decider.initialState();',
    laws: `${laws}/order.law`,
  },
  {
    name: 'pickup orders are never stuck while preparing',
    file: `${board}/stuck-rules.ts`,
    from: "  if (then.status === 'preparing' && at > businessDaysAfter(then.since, rhythm.preparingForBusinessDays)) {",
    to: "  if (then.status === 'preparing' && order.delivery !== 'pickup' && at > businessDaysAfter(then.since, rhythm.preparingForBusinessDays)) {",
    laws: `${board}/stuck-rules.test`,
  },
  {
    name: 'an unpaid order holding stock is never stuck',
    file: `${board}/stuck-rules.ts`,
    from: "    reasons.push('awaiting-payment');",
    to: '    reasons.slice(0, 0);',
    laws: `${board}/stuck-rules.test`,
  },
  {
    name: 'the weekly sweep never lists an unpaid order holding stock',
    file: `${board}/stuck-rules.ts`,
    from: "    reasons.push('awaiting-payment');",
    to: '    reasons.slice(0, 0);',
    laws: 'packages/weekly-sweep/src/weekly-sweep.test',
  },
  {
    name: 'a part-paid order counts as paid',
    file: `${board}/stuck-rules.ts`,
    from: '    start === null &&',
    to: '    start === null && order.paid === 0 &&',
    laws: `${board}/stuck-rules.test`,
  },
  {
    name: 'an unpaid digital-only order is stuck awaiting payment',
    file: `${board}/stuck-rules.ts`,
    from: "line.kind === 'physical' && line.quantity > line.fulfilled + line.cancelled",
    to: 'line.quantity > line.fulfilled + line.cancelled',
    laws: `${board}/stuck-rules.test`,
  },
  {
    name: 'a pay-at-pickup order waits for its payment like any other',
    file: `${board}/stuck-rules.ts`,
    from: '  if (order.payAtPickup) return order.placedAt;',
    to: '',
    laws: `${board}/stuck-rules.test`,
  },
  {
    name: 'the reorder nudge ignores swapped SKUs',
    file: `${followUps}/follow-ups-projection.ts`,
    from: "        if (change.kind === 'VariantSwapped') line.sku = change.sku;",
    to: "        if (change.kind === 'VariantSwapped') void change.sku;",
    laws: `${followUps}/reorder-nudge.test`,
  },
  {
    name: 'the reorder nudge ignores quantity edits',
    file: `${followUps}/follow-ups-projection.ts`,
    from: "        if (change.kind === 'QuantityChanged') line.quantity = change.quantity;",
    to: "        if (change.kind === 'QuantityChanged') void change.quantity;",
    laws: `${followUps}/reorder-nudge.test`,
  },
  {
    name: 'the review ask skips digital orders',
    file: `${followUps}/follow-ups-projection.ts`,
    from: "      if (Object.values(order.lines).every((line) => line.kind === 'digital')) order.receivedAt ??= event.data.at;",
    to: '',
    laws: `${followUps}/review-ask.test`,
  },
  {
    name: 'the review ask skips digital-only orders placed for pickup or shipping',
    file: `${followUps}/follow-ups-projection.ts`,
    from: "      if (Object.values(order.lines).every((line) => line.kind === 'digital')) order.receivedAt ??= event.data.at;",
    to: "      if (order.delivery === 'none') order.receivedAt ??= event.data.at;",
    laws: `${followUps}/review-ask.test`,
  },
  {
    name: 'the review ask is dated 00:00 of the delivery day, before the delivery',
    file: `${followUps}/schedule.ts`,
    from: '  return day > delivered ? day : delivered;',
    to: '  return day;',
    laws: `${followUps}/review-ask.test`,
  },
  {
    name: 'the pickup no-show nudge never fires',
    file: `${followUps}/schedule.ts`,
    from: '        dueAt: at(addDays(ready, options.pickupNudgeAfterDays ?? 3, inUtc)),',
    to: '        dueAt: at(addDays(ready, options.pickupNudgeAfterDays ?? 3000, inUtc)),',
    laws: `${followUps}/pickup-nudge.test`,
  },
  {
    name: 'a pickup order refunded back onto the shelf is still nudged',
    file: `${followUps}/schedule.ts`,
    from: ' && hasUnitsToCollect(order)) {',
    to: ') {',
    laws: `${followUps}/pickup-nudge.test`,
  },
  {
    name: 'a cancelled order still gets its follow-ups',
    file: `${followUps}/schedule.ts`,
    from: '    if (order.cancelled) continue;\n    const { customerId, orderId } = order;',
    to: '    const { customerId, orderId } = order;',
    laws: `${followUps}/pickup-nudge.test`,
  },
  {
    name: 'a refund of an overpayment is spread over the lines (and stays owed)',
    file: `${core}/order/refund-allocation.ts`,
    from: '  const forOverpayment = Math.min(amount.amount, overpaid);',
    to: '  const forOverpayment = 0 * Math.min(amount.amount, overpaid);',
    laws: [`${laws}/oracle.law`, `${core}/ledger/ledger-promises.test`],
  },
  {
    name: 'a refund with return after a damaged return records a phantom resellable unit',
    file: `${core}/order/decide-refund.ts`,
    from: 'const backAlready = line.returnedResellable + line.returnedDamaged - line.refundedAsReturn;',
    to: 'const backAlready = line.returnedResellable - line.refundedAsReturn;',
    laws: [`${laws}/oracle.law`, `${core}/ledger/ledger-promises.test`],
  },
  {
    name: 'units leave a shelf that does not have them (on hand below zero)',
    file: `${core}/stock/stock-decider.ts`,
    from: '      if (quantity > state.onHand && !policy.allowBackorders) {',
    to: '      if (quantity > state.onHand + 1000 && !policy.allowBackorders) {',
    laws: [`${laws}/oracle.law`, `${core}/ledger/ledger-promises.test`],
  },
  {
    name: 'a sale by hand takes units promised to orders without being forced',
    file: `${core}/stock/stock-decider.ts`,
    from: '      if (takesPromised && command.force !== true) {',
    to: '      if (takesPromised && command.force === undefined && false) {',
    laws: [`${laws}/oracle.law`, `${core}/ledger/ledger-promises.test`],
  },
  {
    name: 'a checkout may promise one unit more than is available',
    file: `${core}/stock/stock-decider.ts`,
    from: '      if (command.quantity > state.available && !policy.allowBackorders) {',
    to: '      if (command.quantity > state.available + 1 && !policy.allowBackorders) {',
    laws: `${laws}/oracle.law`,
  },
  {
    name: 'a payment id sent again with another amount is taken as the same payment',
    file: `${core}/order/decide-lifecycle.ts`,
    from: '    if (earlier === command.amount.amount) return [];',
    to: '    if (earlier !== -1) return [];',
    laws: [`${laws}/oracle.law`, `${core}/ledger/ledger-promises.test`],
  },
  {
    name: 'a retry on an atomic store releases the live units of its original',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      const leftovers = atomic ? [] : (openReservationsOf(events, commandId) as RecordedEvent<StockCommitted>[]);',
    to: '      const leftovers = openReservationsOf(events, commandId) as RecordedEvent<StockCommitted>[];',
    laws: `${core}/ledger/order-ledger-races.test`,
  },
  {
    name: 'a stock refusal read against a moved order stream is shown, not retried',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      if (now.length === 0) throw error;',
    to: '      throw error;',
    laws: `${core}/ledger/order-ledger-races.test`,
  },
  {
    name: 'a retry releases the reservation of its original still running, instead of taking it over',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      if (JSON.stringify(wanted) === JSON.stringify(held)) {',
    to: '      if (JSON.stringify(wanted) === JSON.stringify(held) && false) {',
    laws: `${core}/ledger/order-ledger-races.test`,
  },
  {
    name: 'a command id is checked on its home stream only',
    file: `${core}/ledger/order-ledger.ts`,
    from: '      assertSameCommand(events, commandId, fingerprint, type);',
    to: '',
    laws: `${core}/ledger/order-ledger-races.test`,
  },
  {
    name: 'goods cannot be booked in while backorders hold on hand below zero',
    file: `${core}/stock/stock-decider.ts`,
    from: '      if (command.delta < 0 && state.onHand + command.delta < 0) {',
    to: '      if (state.onHand + command.delta < 0) {',
    laws: `${core}/ledger/ledger-promises.test`,
  },
  {
    name: 'pay at pickup is taken on an order that is shipped',
    file: `${core}/order/decide-lifecycle.ts`,
    from: "  if (command.payAtPickup === true && command.delivery.method !== 'pickup') {",
    to: '  if (command.payAtPickup === true && false) {',
    laws: `${core}/ledger/ledger-promises.test`,
  },
  {
    name: 'an edit counts a cancel-refunded unit twice',
    file: `${core}/order/decide-lifecycle.ts`,
    from: '      const floor = Math.max(line.cancelled, line.refundedQuantity);',
    to: '      const floor = line.cancelled + line.refundedQuantity;',
    laws: `${core}/ledger/ledger-promises.test`,
  },
  {
    name: 'a claim that cannot be replaced at once is refused instead of waiting',
    file: `${core}/ledger/order-ledger.ts`,
    from: "        if (!(error instanceof OutOfStockError) || command.type !== 'ClaimNeverArrived') throw error;",
    to: '        throw error;',
    laws: [`${laws}/oracle.law`, `${core}/ledger/ledger-promises.test`],
  },
  {
    name: 'the bench table calls a ratio met below its target',
    file: `${bench}/table/targets.ts`,
    from: '      return figure.ratio !== undefined && figure.ratio >= target.ratio;',
    to: '      return figure.ratio !== undefined && figure.ratio >= target.ratio - 0.05;',
    laws: `${bench}/table/targets.test`,
  },
  {
    name: 'the bench table calls a memory that kept growing met',
    file: `${bench}/table/targets.ts`,
    from: '      return figure.ours < target.value && figure.flat !== false;',
    to: '      return figure.ours < target.value;',
    laws: `${bench}/table/targets.test`,
  },
  {
    name: 'the bench table rounds a missed ratio up to its target',
    file: `${bench}/table/format-table.ts`,
    from: '  const digits = hidesMiss ? 3 : 2;',
    to: '  const digits = 2;',
    laws: `${bench}/table/format-table.test`,
  },
  {
    name: 'a memory still climbing reads as flat',
    file: `${bench}/replay/stays-flat.ts`,
    from: '  return Math.max(...values.slice(half)) <= Math.max(...values.slice(0, half)) * 1.1;',
    to: '  return Math.max(...values.slice(half)) <= Math.max(...values.slice(0, half)) * 2;',
    laws: `${bench}/replay/stays-flat.test`,
  },
];

const only = process.argv[2];
const chosen =
  only === undefined
    ? breaks
    : breaks.filter((change) => `${change.name} ${change.file} ${change.laws}`.includes(only));
let missed = 0;
for (const change of chosen) {
  const original = readFileSync(change.file, 'utf8');
  if (!original.includes(change.from)) {
    console.log(`STALE   ${change.name}: the code it breaks has moved; update this script`);
    missed += 1;
    continue;
  }
  writeFileSync(change.file, original.replace(change.from, change.to));
  try {
    const run = spawnSync('npx', ['vitest', 'run', ...[change.laws].flat()], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const red = run.stdout
      .split('\n')
      .filter((line) => line.includes('×'))
      .map((line) => line.trim());
    const caught = run.status !== 0 && red.length > 0;
    if (!caught) missed += 1;
    const verdict = caught ? 'CAUGHT ' : run.status === 0 ? 'MISSED ' : 'NO TEST';
    console.log(`${verdict} ${change.name} (${change.laws})`);
    // A red run without a failing test: show why, so the filter or the break can be set right.
    if (!caught && run.status !== 0) console.log(`${run.stdout}${run.stderr}`.split('\n').slice(-15).join('\n'));
    for (const line of red) console.log(`          ${line}`);
  } finally {
    writeFileSync(change.file, original);
  }
}
process.exit(missed === 0 ? 0 : 1);
