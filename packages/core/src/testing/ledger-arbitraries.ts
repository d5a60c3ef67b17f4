import fc from 'fast-check';
import type { ClaimSettlement, RefundReason, Restock, ReturnCondition } from '../catalogue/order-events';
import type { AdjustmentReason } from '../catalogue/stock-events';
import { type LedgerCommand, type LedgerPolicy, ledgerPolicy } from '../ledger/ledger-command';
import { LedgerModel } from '../ledger/ledger-model';
import { type OrderState, openUnits } from '../order/order-state';
import { fixtureAddress, fixtureCurrency, fixtureCustomers, fixtureProducts } from './catalogue-fixture';

/**
 * A random wish, turned into a valid command against the ledger as it stands at that step.
 * `pick` chooses an existing order (modulo how many there are), so a wish always has a target.
 */
type Intent =
  | { kind: 'receive'; product: number; quantity: number }
  | { kind: 'adjust'; product: number; delta: number; reason: Exclude<AdjustmentReason, 'recount' | 'received'> }
  | { kind: 'recount'; product: number; offset: number }
  | {
      kind: 'place';
      customer: number;
      lines: { product: number; quantity: number }[];
      delivery: 'ship' | 'pickup';
      shipping: number;
    }
  | { kind: 'pay'; pick: number; part: 'full' | 'half' }
  | { kind: 'prepare' | 'ready' | 'ship' | 'deliver' | 'pickup' | 'claim'; pick: number }
  | { kind: 'swap'; pick: number; line: number; product: number }
  | { kind: 'quantity'; pick: number; line: number; quantity: number }
  | { kind: 'cancel'; pick: number; refund: boolean }
  | { kind: 'refund'; pick: number; line: number; quantity: number; restock: Restock; reason: RefundReason }
  | { kind: 'refundAmount'; pick: number; percent: number }
  | { kind: 'return'; pick: number; line: number; quantity: number; condition: ReturnCondition }
  | { kind: 'settle'; pick: number; settlement: ClaimSettlement };

const product = fc.nat({ max: fixtureProducts.length - 1 });
/** Stock is kept for physical products only: digital ones have no shelf. */
const physicalProducts = fixtureProducts.flatMap((item, index) => (item.kind === 'physical' ? [index] : []));
const stocked = fc.constantFrom(...physicalProducts);
const pick = fc.nat({ max: 1000 });
const line = fc.nat({ max: 3 });

const intentArbitrary: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      product: stocked,
      quantity: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      product: stocked,
      delta: fc.integer({ min: -3, max: 3 }).filter((delta) => delta !== 0),
      reason: fc.constantFrom('breakage', 'in_person_sale', 'restock', 'other') as fc.Arbitrary<
        'breakage' | 'in_person_sale' | 'restock' | 'other'
      >,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('recount' as const),
      product: stocked,
      offset: fc.integer({ min: -2, max: 2 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      customer: fc.nat({ max: fixtureCustomers.length - 1 }),
      lines: fc.array(fc.record({ product, quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
      delivery: fc.constantFrom('ship' as const, 'pickup' as const),
      shipping: fc.constantFrom(0, 450, 690),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      pick,
      part: fc.constantFrom('full' as const, 'half' as const),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'prepare' as const,
        'ready' as const,
        'ship' as const,
        'deliver' as const,
        'pickup' as const,
      ),
      pick,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('claim' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), pick, line, product }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('quantity' as const),
      pick,
      line,
      quantity: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick, refund: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      pick,
      line,
      quantity: fc.integer({ min: 0, max: 3 }),
      restock: fc.constantFrom('none' as const, 'cancel' as const, 'return' as const),
      reason: fc.constantFrom(
        'damaged' as const,
        'wrong_item' as const,
        'missing_item' as const,
        'changed_mind' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('refundAmount' as const),
      pick,
      percent: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      pick,
      line,
      quantity: fc.integer({ min: 1, max: 3 }),
      condition: fc.constantFrom('resellable' as const, 'damaged' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settle' as const),
      pick,
      settlement: fc.constantFrom('refund' as const, 'replacement' as const, 'split' as const, 'refused' as const),
    }),
  },
);

const startOfHistory = Date.parse('2026-01-05T09:00:00Z');

/** How many orders a wish tries, from its pick onwards, before it is dropped as impossible. */
const ordersTried = 12;

/**
 * The commands a wish could become, best first: one for a stock or placement wish; for a wish
 * about an order, one per order starting at its pick, so that it lands on an order where it
 * makes sense (shipping a paid order, returning a shipped one) instead of being dropped.
 */
function candidates(intent: Intent, model: LedgerModel, step: number): LedgerCommand[] {
  if (intent.kind === 'receive' || intent.kind === 'adjust' || intent.kind === 'recount' || intent.kind === 'place') {
    const command = toCommand(intent, model, step);
    return command === undefined ? [] : [command];
  }
  const ids = model.orderIds;
  const commands: LedgerCommand[] = [];
  for (let offset = 0; offset < Math.min(ids.length, ordersTried); offset += 1) {
    const order = model.order(ids[(intent.pick + offset) % ids.length] ?? '');
    const command = orderCommand(intent, order, new Date(startOfHistory + step * 3_600_000).toISOString(), step);
    if (command !== undefined) commands.push(command);
  }
  return commands;
}

function toCommand(
  intent: Extract<Intent, { kind: 'receive' | 'adjust' | 'recount' | 'place' }>,
  model: LedgerModel,
  step: number,
): LedgerCommand | undefined {
  const at = new Date(startOfHistory + step * 3_600_000).toISOString();
  const money = (amount: number) => ({ amount, currency: fixtureCurrency });
  const sku = (index: number) => fixtureProducts[index]?.sku ?? 'MUG-BLUE';
  switch (intent.kind) {
    case 'receive':
      return { type: 'AdjustStock', sku: sku(intent.product), at, delta: intent.quantity, reason: 'received' };
    case 'adjust':
      return { type: 'AdjustStock', sku: sku(intent.product), at, delta: intent.delta, reason: intent.reason };
    case 'recount': {
      const counted = Math.max(0, model.stock(sku(intent.product)).onHand + intent.offset);
      return { type: 'RecountStock', sku: sku(intent.product), at, counted };
    }
    case 'place': {
      const orderId = `o${model.orderIds.length + 1}`;
      const lines = intent.lines.map((wanted, index) => {
        const item = fixtureProducts[wanted.product] ?? fixtureProducts[0];
        if (item === undefined) throw new Error('the fixture catalogue is empty');
        return {
          lineId: `l${index + 1}`,
          sku: item.sku,
          quantity: wanted.quantity,
          unitPrice: money(item.unitPrice),
          kind: item.kind,
        };
      });
      return {
        type: 'PlaceOrder',
        orderId,
        at,
        customerId: fixtureCustomers[intent.customer] ?? 'ada',
        currency: fixtureCurrency,
        lines,
        shipping: money(intent.delivery === 'ship' ? intent.shipping : 0),
        delivery: intent.delivery === 'ship' ? { method: 'ship', address: fixtureAddress } : { method: 'pickup' },
      };
    }
  }
}

function orderCommand(
  intent: Exclude<Intent, { kind: 'receive' | 'adjust' | 'recount' | 'place' }>,
  order: OrderState,
  at: string,
  step: number,
): LedgerCommand | undefined {
  const orderId = order.orderId;
  const money = (amount: number) => ({ amount, currency: order.currency });
  const lineOf = (index: number) => order.lines[index % order.lines.length];
  switch (intent.kind) {
    case 'pay': {
      const due = order.total.amount - order.paid.amount;
      const amount = intent.part === 'full' ? due : Math.max(1, Math.floor(due / 2));
      return { type: 'Pay', orderId, at, paymentId: `p${step}`, amount: money(amount), method: 'card' };
    }
    case 'prepare':
      return { type: 'StartPreparing', orderId, at, ...(step % 2 === 0 ? { preparedBy: 'sam' } : {}) };
    case 'ready':
      return { type: 'MarkReadyForPickup', orderId, at };
    case 'ship':
      return { type: 'Ship', orderId, at, carrier: 'CTT' };
    case 'deliver':
      return { type: 'MarkDelivered', orderId, at };
    case 'pickup':
      return { type: 'MarkPickedUp', orderId, at };
    case 'claim':
      return { type: 'ClaimNeverArrived', orderId, at, claimId: `c${step}` };
    case 'settle': {
      const open = order.claims.find((claim) => claim.settlement === undefined);
      if (open === undefined) return undefined;
      return { type: 'SettleNeverArrived', orderId, at, claimId: open.claimId, settlement: intent.settlement };
    }
    case 'swap': {
      const target = lineOf(intent.line);
      const item = fixtureProducts[intent.product];
      if (target === undefined || item === undefined || item.kind !== target.kind) return undefined;
      return {
        type: 'EditOrder',
        orderId,
        at,
        changes: [{ kind: 'VariantSwapped', lineId: target.lineId, sku: item.sku, unitPrice: money(item.unitPrice) }],
      };
    }
    case 'quantity': {
      const target = lineOf(intent.line);
      if (target === undefined) return undefined;
      return {
        type: 'EditOrder',
        orderId,
        at,
        changes: [{ kind: 'QuantityChanged', lineId: target.lineId, quantity: intent.quantity }],
      };
    }
    case 'cancel':
      return { type: 'CancelOrder', orderId, at, reason: 'customer', refund: intent.refund };
    case 'refund': {
      const target = lineOf(intent.line);
      if (target === undefined) return undefined;
      const quantity = intent.restock === 'cancel' ? Math.min(intent.quantity, openUnits(target)) : intent.quantity;
      return {
        type: 'RefundOrder',
        orderId,
        at,
        refundId: `r${step}`,
        reason: intent.reason,
        lines: [{ lineId: target.lineId, quantity, restock: intent.restock }],
      };
    }
    case 'refundAmount': {
      const kept = order.paid.amount - order.refunded.amount;
      const amount = Math.floor((kept * intent.percent) / 100);
      if (amount <= 0) return undefined;
      return { type: 'RefundAmount', orderId, at, refundId: `r${step}`, reason: 'other', amount: money(amount) };
    }
    case 'return': {
      const target = lineOf(intent.line);
      if (target === undefined) return undefined;
      return {
        type: 'ReceiveReturn',
        orderId,
        at,
        returnId: `ret${step}`,
        lines: [{ lineId: target.lineId, quantity: intent.quantity, condition: intent.condition }],
      };
    }
  }
}

export interface LedgerScenario {
  readonly policy: LedgerPolicy;
  /** Commands the ledger accepts, in order, when run from an empty store under `policy`. */
  readonly commands: readonly LedgerCommand[];
}

export interface LedgerScenarioOptions {
  /** How many wishes to draw; some turn out impossible and are dropped. Default 60. */
  readonly maxSteps?: number;
  /** A fixed policy; by default each scenario draws pay-at-pickup, backorders and a claim threshold. */
  readonly policy?: LedgerPolicy;
}

/** Draws the store's rules: every combination the deciders branch on. */
export const ledgerPolicyArbitrary: fc.Arbitrary<LedgerPolicy> = fc
  .record({
    allowPayAtPickup: fc.boolean(),
    allowBackorders: fc.boolean(),
    threshold: fc.option(fc.constantFrom(1000, 3000, 10_000), { nil: undefined }),
    justFixItWith: fc.constantFrom('refund' as const, 'replacement' as const),
  })
  .map(({ threshold, ...rest }) =>
    ledgerPolicy({ ...rest, justFixItBelow: threshold === undefined ? undefined : { [fixtureCurrency]: threshold } }),
  );

/**
 * Valid command sequences for the small fixture catalogue: random wishes (receive stock, place,
 * pay, ship, edit, cancel, refund in full or part, return, claim…) made concrete against the
 * ledger as it stands at each step, keeping only those the ledger accepts.
 */
export function ledgerScenarioArbitrary(options: LedgerScenarioOptions = {}): fc.Arbitrary<LedgerScenario> {
  const policies = options.policy === undefined ? ledgerPolicyArbitrary : fc.constant(options.policy);
  const maxSteps = options.maxSteps ?? 60;
  const openingStock = fc.array(fc.integer({ min: 0, max: 12 }), {
    minLength: physicalProducts.length,
    maxLength: physicalProducts.length,
  });
  return fc
    .tuple(
      policies,
      openingStock,
      fc.array(intentArbitrary, { minLength: Math.floor(maxSteps / 2), maxLength: maxSteps }),
    )
    .map(([policy, opening, intents]) => {
      const model = new LedgerModel(policy);
      const commands: LedgerCommand[] = [];
      // The shop opens with some stock on the shelf (sometimes none), so checkouts can succeed.
      for (const [index, productIndex] of physicalProducts.entries()) {
        const quantity = opening[index] ?? 0;
        const sku = fixtureProducts[productIndex]?.sku;
        if (quantity === 0 || sku === undefined) continue;
        const command: LedgerCommand = {
          type: 'AdjustStock',
          sku,
          at: new Date(startOfHistory - 86_400_000).toISOString(),
          delta: quantity,
          reason: 'received',
        };
        model.execute(command);
        commands.push(command);
      }
      for (const [step, intent] of intents.entries()) {
        const accepted = candidates(intent, model, step).find((command) => model.tryExecute(command) !== undefined);
        if (accepted !== undefined) commands.push(accepted);
      }
      return { policy, commands };
    });
}
