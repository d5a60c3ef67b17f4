import type { LedgerCommand } from '../../ledger/ledger-command';
import type { OrderCommand } from '../../order/order-commands';
import {
  amountDue,
  amountOwed,
  committed,
  type OracleLine,
  type OracleOrder,
  type OracleRefund,
  type OracleStatus,
  type OracleStock,
  openUnits,
  orderTotal,
  paymentStatus,
  unitsWithBuyer,
} from './oracle-state';

/**
 * An independent reference for the ledger: orders, money and stock kept as plain counters, with
 * the rules written out again from docs/events.md and docs/architecture.md. It imports no
 * decider, no fold and no helper of theirs (only the command types), so the model-based tests
 * compare two separate readings of the same rules. Small on purpose: one sitting to read.
 */

export interface OraclePolicy {
  readonly allowPayAtPickup: boolean;
  readonly allowBackorders: boolean;
  /** Claims worth at most this (minor units) settle at once, the store's way. */
  readonly justFixItBelow: number | undefined;
  readonly justFixItWith: 'refund' | 'replacement';
}

export type OracleOutcome = { readonly accepted: true } | { readonly accepted: false; readonly code: string };

/** What the oracle says about an order after each step; the tests compare the ledger with it. */
export interface OracleOrderView {
  readonly status: OracleStatus;
  readonly paymentStatus: string;
  readonly total: number;
  readonly paid: number;
  readonly refunded: number;
  readonly due: number;
  readonly owed: number;
  readonly lines: readonly {
    readonly lineId: string;
    readonly sku: string;
    readonly quantity: number;
    readonly fulfilled: number;
    readonly cancelled: number;
    readonly refunded: number;
    readonly returnedResellable: number;
    readonly returnedDamaged: number;
  }[];
}

export interface OracleStockView {
  readonly onHand: number;
  readonly committed: number;
  readonly available: number;
}

/**
 * The shape rules a command must meet before anything is decided: money never negative nor
 * fractional, units whole (at least one where a line or a return names them, zero allowed on a
 * refund line).
 */
function wellFormed(command: LedgerCommand): boolean {
  const moneyOk = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.every(moneyOk);
    if (value === null || typeof value !== 'object') return true;
    const record = value as Record<string, unknown>;
    if ('currency' in record && 'amount' in record) {
      return Number.isInteger(record.amount) && (record.amount as number) >= 0;
    }
    return Object.values(record).every(moneyOk);
  };
  const units = (quantity: number, least: number) => Number.isInteger(quantity) && quantity >= least;
  if (!moneyOk(command)) return false;
  switch (command.type) {
    case 'PlaceOrder':
      return command.lines.length > 0 && command.lines.every((line) => units(line.quantity, 1));
    case 'ReceiveReturn':
      return command.lines.every((line) => units(line.quantity, 1));
    case 'RefundOrder':
      return (command.lines ?? []).every((line) => units(line.quantity, 0));
    case 'EditOrder':
      return command.changes.every((change) => change.kind !== 'QuantityChanged' || units(change.quantity, 1));
    default:
      return true;
  }
}

/** Which units came back, and how: one comparable string, whatever the order of the entries. */
function returnKey(lines: readonly { lineId: string; quantity: number; condition: string }[]): string {
  return lines
    .map((line) => `${line.lineId}:${line.quantity}:${line.condition}`)
    .sort()
    .join('|');
}

/** An itemised refund sent again is the same one if it names the same units, restocks and amounts. */
function sameRefund(earlier: OracleRefund, command: Extract<OrderCommand, { type: 'RefundOrder' }>): boolean {
  const requested = command.lines ?? [];
  if (earlier.shipping !== (command.shipping?.amount ?? 0) || earlier.other !== (command.other?.amount ?? 0))
    return false;
  if (earlier.lines.length !== requested.length) return false;
  return requested.every((request) =>
    earlier.lines.some(
      (line) =>
        line.lineId === request.lineId &&
        line.quantity === request.quantity &&
        line.restock === request.restock &&
        (request.amount === undefined || line.amount === request.amount.amount),
    ),
  );
}

class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

function refuse(code: string): never {
  throw new Refused(code);
}

export class LedgerOracle {
  readonly policy: OraclePolicy;
  #orders = new Map<string, OracleOrder>();
  #stock = new Map<string, OracleStock>();

  constructor(policy: OraclePolicy) {
    this.policy = policy;
  }

  get orderIds(): string[] {
    return [...this.#orders.keys()];
  }

  get skus(): string[] {
    return [...this.#stock.keys()];
  }

  /** The oracle's order as plain data (the generator reads it to aim its next command). */
  peekOrder(orderId: string): Readonly<OracleOrder> | undefined {
    return this.#orders.get(orderId);
  }

  order(orderId: string): OracleOrderView | undefined {
    const order = this.#orders.get(orderId);
    if (order === undefined) return undefined;
    return {
      status: order.status,
      paymentStatus: paymentStatus(order),
      total: orderTotal(order),
      paid: order.paid,
      refunded: order.refunded,
      due: amountDue(order),
      owed: amountOwed(order),
      lines: order.lines.map((line) => ({
        lineId: line.lineId,
        sku: line.sku,
        quantity: line.quantity,
        fulfilled: line.fulfilled,
        cancelled: line.cancelled,
        refunded: line.refundedUnits,
        returnedResellable: line.returnedResellable,
        returnedDamaged: line.returnedDamaged,
      })),
    };
  }

  stock(sku: string): OracleStockView {
    const stock = this.#stock.get(sku);
    const onHand = stock?.onHand ?? 0;
    const promised = stock === undefined ? 0 : committed(stock);
    return { onHand, committed: promised, available: onHand - promised };
  }

  /** Applies the command whole, or refuses it and changes nothing. */
  execute(command: LedgerCommand): OracleOutcome {
    const orders = this.#orders;
    const stock = this.#stock;
    this.#orders = structuredClone(orders);
    this.#stock = structuredClone(stock);
    try {
      this.#apply(command);
      return { accepted: true };
    } catch (error) {
      this.#orders = orders;
      this.#stock = stock;
      if (error instanceof Refused) return { accepted: false, code: error.code };
      throw error;
    }
  }

  #apply(command: LedgerCommand): void {
    if (!wellFormed(command)) refuse('COMMAND_INVALID');
    switch (command.type) {
      case 'AdjustStock': {
        const shelf = this.#shelf(command.sku);
        // A malformed command is refused before anything is decided; a zero move is the stock's call.
        if (!Number.isInteger(command.delta)) refuse('COMMAND_INVALID');
        if (command.delta === 0) refuse('STOCK_INVALID');
        if (command.delta < 0 && shelf.onHand + command.delta < 0) refuse('STOCK_NEGATIVE');
        // Units promised to orders are not for sale by hand, unless the caller says so.
        if (command.delta < 0 && shelf.onHand + command.delta < committed(shelf) && command.force !== true) {
          refuse('STOCK_PROMISED');
        }
        shelf.onHand += command.delta;
        return;
      }
      case 'RecountStock': {
        if (!Number.isInteger(command.counted) || command.counted < 0) refuse('COMMAND_INVALID');
        this.#shelf(command.sku).onHand = command.counted;
        return;
      }
      case 'PlaceOrder':
        this.#place(command);
        return;
      default:
        this.#orderCommand(command);
    }
  }

  #place(command: Extract<LedgerCommand, { type: 'PlaceOrder' }>): void {
    if (this.#orders.has(command.orderId)) refuse('ORDER_ALREADY_EXISTS');
    const ids = command.lines.map((line) => line.lineId);
    if (new Set(ids).size !== ids.length) refuse('ORDER_INVALID');
    const physical = command.lines.some((line) => line.kind === 'physical');
    if (physical && command.delivery.method === 'none') refuse('ORDER_INVALID');
    if (physical && command.delivery.method === 'ship' && command.delivery.address === undefined) {
      refuse('ORDER_INVALID');
    }
    if (command.payAtPickup === true && command.delivery.method !== 'pickup') refuse('ORDER_INVALID');
    const order: OracleOrder = {
      orderId: command.orderId,
      deliveryMethod: command.delivery.method,
      status: 'received',
      lines: command.lines.map((line) => ({
        lineId: line.lineId,
        sku: line.sku,
        kind: line.kind,
        quantity: line.quantity,
        unitPrice: line.unitPrice.amount,
        fulfilled: 0,
        cancelled: 0,
        returnedResellable: 0,
        returnedDamaged: 0,
        refundedUnits: 0,
        refundedMoney: 0,
        refundedAsReturn: 0,
        replaced: 0,
      })),
      shipping: command.shipping?.amount ?? 0,
      tax: command.tax?.amount ?? 0,
      discount: command.discount?.amount ?? 0,
      paid: 0,
      refunded: 0,
      shippingRefunded: 0,
      otherRefunded: 0,
      payments: new Map(),
      refunds: new Map(),
      returns: new Map(),
      claims: [],
    };
    if (orderTotal(order) < 0) refuse('ORDER_INVALID');
    for (const line of order.lines) if (line.kind === 'physical') this.#promise(order, line, line.quantity);
    this.#orders.set(order.orderId, order);
    // A free order is paid already: its digital lines go out at once.
    if (orderTotal(order) === 0) this.#sendDigital(order);
  }

  #orderCommand(command: Exclude<OrderCommand, { type: 'PlaceOrder' }>): void {
    const order = this.#orders.get(command.orderId) ?? refuse('ORDER_NOT_FOUND');
    const cancelled = order.status === 'cancelled';
    const paidInFull = order.paid >= orderTotal(order);
    const mayFulfilUnpaid = this.policy.allowPayAtPickup && order.deliveryMethod === 'pickup';
    const requirePaid = () => {
      if (!paidInFull && !mayFulfilUnpaid) refuse('ORDER_NOT_PAID');
    };
    const requireStatus = (...allowed: OracleStatus[]) => {
      if (!allowed.includes(order.status)) refuse('ORDER_INVALID_TRANSITION');
    };
    const requireDelivery = (method: 'ship' | 'pickup') => {
      if (order.deliveryMethod !== method) refuse('ORDER_INVALID_TRANSITION');
    };
    const notCancelled = () => {
      if (cancelled) refuse('ORDER_CANCELLED');
    };
    switch (command.type) {
      case 'Pay': {
        const earlier = order.payments.get(command.paymentId);
        if (earlier !== undefined) {
          if (earlier !== command.amount.amount) refuse('PAYMENT_ID_REUSED');
          return;
        }
        notCancelled();
        if (command.amount.amount <= 0) refuse('ORDER_INVALID');
        if (command.amount.amount > orderTotal(order) - order.paid) refuse('ORDER_OVERPAYMENT');
        order.paid += command.amount.amount;
        order.payments.set(command.paymentId, command.amount.amount);
        if (order.paid >= orderTotal(order)) this.#sendDigital(order);
        return;
      }
      case 'StartPreparing':
        notCancelled();
        if (order.lines.every((line) => line.kind === 'digital')) refuse('ORDER_INVALID_TRANSITION');
        requireStatus('received');
        requirePaid();
        order.status = 'preparing';
        return;
      case 'MarkReadyForPickup':
        notCancelled();
        requireDelivery('pickup');
        requireStatus('received', 'preparing');
        requirePaid();
        order.status = 'ready_for_pickup';
        return;
      case 'Ship':
        notCancelled();
        requireDelivery('ship');
        requireStatus('received', 'preparing');
        requirePaid();
        this.#handOver(order);
        order.status = 'shipped';
        return;
      case 'MarkDelivered':
        notCancelled();
        requireStatus('shipped');
        order.status = 'done';
        return;
      case 'MarkPickedUp':
        notCancelled();
        requireDelivery('pickup');
        requireStatus('received', 'preparing', 'ready_for_pickup');
        requirePaid();
        this.#handOver(order);
        order.status = 'done';
        return;
      case 'EditOrder':
        this.#edit(order, command);
        return;
      case 'CancelOrder': {
        notCancelled();
        if (order.lines.some((line) => line.fulfilled > 0)) refuse('ORDER_ALREADY_FULFILLED');
        for (const line of order.lines) {
          const open = openUnits(line);
          if (line.kind === 'physical' && open > 0) this.#unpromise(order, line, open);
          line.cancelled += open;
        }
        const kept = order.paid - order.refunded;
        if (command.refund !== false && kept > 0) this.#refundSpread(order, kept);
        order.status = 'cancelled';
        return;
      }
      case 'RefundOrder':
        this.#refundItemised(order, command);
        return;
      case 'RefundAmount': {
        const earlier = order.refunds.get(command.refundId);
        if (earlier !== undefined) {
          if (earlier.amount !== command.amount.amount) refuse('REFUND_ID_REUSED');
          return;
        }
        if (command.amount.amount <= 0) refuse('ORDER_INVALID');
        if (command.amount.amount > order.paid - order.refunded) refuse('REFUND_EXCEEDS_PAID');
        order.refunds.set(command.refundId, this.#refundSpread(order, command.amount.amount));
        return;
      }
      case 'ReceiveReturn': {
        const returned = returnKey(command.lines);
        const earlier = order.returns.get(command.returnId);
        if (earlier !== undefined) {
          if (earlier !== returned) refuse('RETURN_ID_REUSED');
          return;
        }
        if (command.lines.length === 0) refuse('ORDER_INVALID');
        for (const entry of command.lines) {
          const line = order.lines.find((candidate) => candidate.lineId === entry.lineId) ?? refuse('UNKNOWN_LINE');
          if (line.kind === 'digital') refuse('RETURN_EXCEEDS_SHIPPED');
          if (!Number.isInteger(entry.quantity) || entry.quantity <= 0 || entry.quantity > unitsWithBuyer(line)) {
            refuse('RETURN_EXCEEDS_SHIPPED');
          }
          this.#takeBack(line, entry.quantity, entry.condition);
        }
        order.returns.set(command.returnId, returned);
        return;
      }
      case 'ClaimNeverArrived': {
        if (order.claims.some((claim) => claim.claimId === command.claimId)) return;
        notCancelled();
        requireDelivery('ship');
        if (order.status !== 'shipped' && order.status !== 'done') refuse('CLAIM_NOT_ALLOWED');
        if (order.claims.some((claim) => claim.settlement === undefined)) refuse('CLAIM_NOT_ALLOWED');
        const value = order.paid - order.refunded;
        if (value <= 0) refuse('CLAIM_NOT_ALLOWED');
        const claim = { claimId: command.claimId, value, settlement: undefined };
        order.claims.push(claim);
        const threshold = this.policy.justFixItBelow;
        if (threshold === undefined || value > threshold) return;
        // Settled at once the store's way; a replacement with nothing to send leaves it waiting.
        const before = { orders: structuredClone(this.#orders), stock: structuredClone(this.#stock) };
        try {
          this.#settle(order, claim, this.policy.justFixItWith);
        } catch (error) {
          if (!(error instanceof Refused) || error.code !== 'OUT_OF_STOCK') throw error;
          this.#orders = before.orders;
          this.#stock = before.stock;
        }
        return;
      }
      case 'SettleNeverArrived': {
        const claim = order.claims.find((candidate) => candidate.claimId === command.claimId);
        if (claim === undefined) refuse('CLAIM_NOT_FOUND');
        if (claim.settlement !== undefined) {
          if (claim.settlement !== command.settlement) refuse('CLAIM_NOT_ALLOWED');
          return;
        }
        this.#settle(order, claim, command.settlement, command.refundAmount?.amount);
        return;
      }
    }
  }

  #edit(order: OracleOrder, command: Extract<OrderCommand, { type: 'EditOrder' }>): void {
    if (order.status === 'cancelled') refuse('ORDER_CANCELLED');
    const begun = order.lines.some((line) => line.fulfilled > 0);
    if (begun || (order.status !== 'received' && order.status !== 'preparing')) refuse('ORDER_EDIT_AFTER_FULFILMENT');
    if (command.changes.length === 0) refuse('ORDER_INVALID');
    for (const change of command.changes) {
      if (change.kind === 'AddressChanged' && order.deliveryMethod !== 'ship') refuse('ORDER_INVALID_TRANSITION');
      if (change.kind !== 'VariantSwapped' && change.kind !== 'QuantityChanged') continue;
      const line = order.lines.find((candidate) => candidate.lineId === change.lineId) ?? refuse('UNKNOWN_LINE');
      if (change.kind === 'QuantityChanged' && change.quantity < Math.max(line.cancelled, line.refundedUnits)) {
        refuse('ORDER_INVALID');
      }
    }
    // The lines as the edit leaves them must still be worth what was refunded on them.
    const after = order.lines.map((line) => ({ ...line }));
    for (const change of command.changes) {
      const line = after.find((candidate) => 'lineId' in change && candidate.lineId === change.lineId);
      if (line === undefined) continue;
      if (change.kind === 'VariantSwapped') line.unitPrice = change.unitPrice.amount;
      if (change.kind === 'QuantityChanged') line.quantity = change.quantity;
    }
    if (after.some((line) => line.quantity * line.unitPrice < line.refundedMoney)) refuse('ORDER_INVALID');
    if (orderTotal({ ...order, lines: after }) < 0) refuse('ORDER_INVALID');
    // Stock follows each change in turn: units move from the old SKU to the new, or up and down.
    for (const change of command.changes) {
      if (change.kind !== 'VariantSwapped' && change.kind !== 'QuantityChanged') continue;
      const line = order.lines.find((candidate) => candidate.lineId === change.lineId) ?? refuse('UNKNOWN_LINE');
      if (change.kind === 'VariantSwapped') {
        const open = openUnits(line);
        const moves = line.kind === 'physical' && change.sku !== line.sku && open > 0;
        if (moves) this.#unpromise(order, line, open);
        line.sku = change.sku;
        line.unitPrice = change.unitPrice.amount;
        if (moves) this.#promise(order, line, open);
      } else {
        const delta = change.quantity - line.quantity;
        line.quantity = change.quantity;
        if (line.kind === 'physical' && delta > 0) this.#promise(order, line, delta);
        if (line.kind === 'physical' && delta < 0) this.#unpromise(order, line, -delta);
      }
    }
    if (order.paid >= orderTotal(order)) this.#sendDigital(order);
  }

  #refundItemised(order: OracleOrder, command: Extract<OrderCommand, { type: 'RefundOrder' }>): void {
    const earlier = order.refunds.get(command.refundId);
    if (earlier !== undefined) {
      if (!sameRefund(earlier, command)) refuse('REFUND_ID_REUSED');
      return;
    }
    const seen = new Set<string>();
    let total = (command.shipping?.amount ?? 0) + (command.other?.amount ?? 0);
    let units = 0;
    const plans: { line: OracleLine; quantity: number; amount: number; restock: string; comeBack: number }[] = [];
    for (const request of command.lines ?? []) {
      const line = order.lines.find((candidate) => candidate.lineId === request.lineId) ?? refuse('UNKNOWN_LINE');
      if (seen.has(line.lineId)) refuse('ORDER_INVALID');
      seen.add(line.lineId);
      if (!Number.isInteger(request.quantity) || request.quantity < 0) refuse('ORDER_INVALID');
      if (line.refundedUnits + request.quantity > line.quantity) refuse('REFUND_EXCEEDS_UNITS');
      const rest = line.quantity * line.unitPrice - line.refundedMoney;
      const amount = request.amount?.amount ?? Math.max(0, Math.min(request.quantity * line.unitPrice, rest));
      if (amount > rest) refuse('REFUND_EXCEEDS_LINE');
      if (request.restock === 'cancel' && request.quantity > openUnits(line)) refuse('RESTOCK_UNITS_ALREADY_FULFILLED');
      let comeBack = 0;
      if (request.restock === 'return') {
        if (line.kind === 'digital') refuse('RESTOCK_UNITS_NEVER_LEFT');
        // Units already back (in any condition) and not yet refunded as returned answer first;
        // only the rest come back now, resellable.
        const backUnrefunded = Math.max(0, line.returnedResellable + line.returnedDamaged - line.refundedAsReturn);
        comeBack = Math.max(0, request.quantity - backUnrefunded);
        if (comeBack > unitsWithBuyer(line)) refuse('RESTOCK_UNITS_NEVER_LEFT');
      }
      total += amount;
      units += request.quantity;
      plans.push({ line, quantity: request.quantity, amount, restock: request.restock, comeBack });
    }
    if ((command.shipping?.amount ?? 0) < 0 || (command.other?.amount ?? 0) < 0) refuse('ORDER_INVALID');
    if (order.shippingRefunded + (command.shipping?.amount ?? 0) > order.shipping) refuse('REFUND_EXCEEDS_SHIPPING');
    if (total === 0 && units === 0) refuse('ORDER_INVALID');
    if (total > order.paid - order.refunded) refuse('REFUND_EXCEEDS_PAID');
    for (const plan of plans) {
      if (plan.comeBack > 0) this.#takeBack(plan.line, plan.comeBack, 'resellable');
      plan.line.refundedUnits += plan.quantity;
      plan.line.refundedMoney += plan.amount;
      if (plan.restock === 'return') plan.line.refundedAsReturn += plan.quantity;
      if (plan.restock === 'cancel') {
        if (plan.line.kind === 'physical' && plan.quantity > 0) this.#unpromise(order, plan.line, plan.quantity);
        plan.line.cancelled += plan.quantity;
      }
    }
    order.refunds.set(command.refundId, {
      amount: total,
      shipping: command.shipping?.amount ?? 0,
      other: command.other?.amount ?? 0,
      lines: plans.map((plan) => ({
        lineId: plan.line.lineId,
        quantity: plan.quantity,
        restock: plan.restock,
        amount: plan.amount,
      })),
    });
    order.refunded += total;
    order.shippingRefunded += command.shipping?.amount ?? 0;
    order.otherRefunded += command.other?.amount ?? 0;
    this.#afterRefund(order);
  }

  /**
   * A refund of an amount: first whatever the buyer overpaid (after an edit down), then spread
   * over what each line, the shipping and the tax have left, largest remainder, earliest first on
   * a tie. A line given back all it had left counts all its remaining units as refunded.
   */
  #refundSpread(order: OracleOrder, amount: number): OracleRefund {
    const overpaid = Math.max(0, order.paid - orderTotal(order) - order.otherRefunded);
    const forOverpayment = Math.min(amount, overpaid);
    const lineRests = order.lines.map((line) => Math.max(0, line.quantity * line.unitPrice - line.refundedMoney));
    const rests = [
      ...lineRests,
      Math.max(0, order.shipping - order.shippingRefunded),
      Math.max(0, order.tax - order.otherRefunded),
    ];
    const restTotal = rests.reduce((sum, rest) => sum + rest, 0);
    const spread = Math.min(amount - forOverpayment, restTotal);
    const shares = rests.map((rest) => (restTotal === 0 ? 0 : Math.floor((spread * rest) / restTotal)));
    let left = spread - shares.reduce((sum, share) => sum + share, 0);
    const byRemainder = rests
      .map((rest, index) => ({ index, remainder: restTotal === 0 ? 0 : (spread * rest) % restTotal }))
      .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of byRemainder) {
      if (left === 0) break;
      shares[index] = (shares[index] ?? 0) + 1;
      left -= 1;
    }
    const lines: OracleRefund['lines'][number][] = [];
    for (const [index, line] of order.lines.entries()) {
      const share = shares[index] ?? 0;
      if (share === 0) continue;
      const whole = share === lineRests[index];
      lines.push({
        lineId: line.lineId,
        quantity: whole ? line.quantity - line.refundedUnits : 0,
        restock: 'none',
        amount: share,
      });
      if (whole) line.refundedUnits = line.quantity;
      line.refundedMoney += share;
    }
    const shipping = shares[order.lines.length] ?? 0;
    const other = (shares[order.lines.length + 1] ?? 0) + forOverpayment + (amount - forOverpayment - spread);
    order.shippingRefunded += shipping;
    order.otherRefunded += other;
    order.refunded += amount;
    this.#afterRefund(order);
    return { amount, shipping, other, lines };
  }

  #afterRefund(order: OracleOrder): void {
    if (order.status === 'cancelled') return;
    if (order.lines.every((line) => line.cancelled === line.quantity)) order.status = 'cancelled';
    else if (order.lines.every((line) => openUnits(line) === 0)) {
      if (order.status === 'received' || order.status === 'preparing') order.status = 'done';
    }
  }

  #settle(order: OracleOrder, claim: OracleOrder['claims'][number], how: string, splitAmount?: number): void {
    claim.settlement = how as typeof claim.settlement;
    const kept = order.paid - order.refunded;
    if (how === 'refund' || how === 'split') {
      const wanted = how === 'refund' ? claim.value : (splitAmount ?? Math.floor(claim.value / 2));
      const amount = Math.min(wanted, kept);
      if (amount > 0) this.#refundSpread(order, amount);
    }
    if (how === 'replacement') {
      for (const line of order.lines) {
        const out = unitsWithBuyer(line);
        if (line.kind !== 'physical' || out <= 0) continue;
        // A replacement is promised and sent in one step: it needs units free on the shelf.
        this.#promise(order, line, out);
        this.#shipOut(order, line, out);
        line.replaced += out;
      }
    }
  }

  #sendDigital(order: OracleOrder): void {
    let sent = false;
    for (const line of order.lines) {
      if (line.kind === 'digital' && openUnits(line) > 0) {
        line.fulfilled += openUnits(line);
        sent = true;
      }
    }
    if (sent && order.lines.every((line) => line.kind === 'digital')) order.status = 'done';
  }

  #handOver(order: OracleOrder): void {
    for (const line of order.lines) {
      const open = openUnits(line);
      if (line.kind !== 'physical' || open === 0) continue;
      this.#shipOut(order, line, open);
      line.fulfilled += open;
    }
  }

  #takeBack(line: OracleLine, quantity: number, condition: 'resellable' | 'damaged'): void {
    if (condition === 'damaged') {
      line.returnedDamaged += quantity;
      return;
    }
    line.returnedResellable += quantity;
    this.#shelf(line.sku).onHand += quantity;
  }

  #shelf(sku: string): OracleStock {
    let stock = this.#stock.get(sku);
    if (stock === undefined) {
      stock = { onHand: 0, promised: new Map() };
      this.#stock.set(sku, stock);
    }
    return stock;
  }

  #promise(order: OracleOrder, line: OracleLine, quantity: number): void {
    const shelf = this.#shelf(line.sku);
    if (quantity > shelf.onHand - committed(shelf) && !this.policy.allowBackorders) refuse('OUT_OF_STOCK');
    const key = `${order.orderId}/${line.lineId}`;
    shelf.promised.set(key, (shelf.promised.get(key) ?? 0) + quantity);
  }

  #unpromise(order: OracleOrder, line: OracleLine, quantity: number): void {
    const shelf = this.#shelf(line.sku);
    const key = `${order.orderId}/${line.lineId}`;
    const promised = shelf.promised.get(key) ?? 0;
    if (promised < quantity) refuse('STOCK_NOT_COMMITTED');
    if (promised === quantity) shelf.promised.delete(key);
    else shelf.promised.set(key, promised - quantity);
  }

  /** Units leave the shelf: never more than are on it, unless the store takes backorders. */
  #shipOut(order: OracleOrder, line: OracleLine, quantity: number): void {
    const shelf = this.#shelf(line.sku);
    this.#unpromise(order, line, quantity);
    if (shelf.onHand < quantity && !this.policy.allowBackorders) refuse('STOCK_NEGATIVE');
    shelf.onHand -= quantity;
  }
}
