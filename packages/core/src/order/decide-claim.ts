import type { ClaimSettlement, OrderEvent } from '../catalogue/order-events';
import type { ClaimNeverArrived, SettleNeverArrived } from './order-commands';
import { OrderRefusedError } from './order-errors';
import { requireCurrency, requireDelivery, requireNotCancelled, requireOrder } from './order-guards';
import { isUnderJustFixIt, type OrderPolicy } from './order-policy';
import { type ClaimState, netPaid, type OrderState, unitsOut } from './order-state';
import { allocateRefund } from './refund-allocation';

/**
 * A buyer says a shipped parcel never came. Under the store's just-fix-it threshold the claim is
 * settled on the spot, the way the store prefers; above it, it waits for `SettleNeverArrived`.
 */
export function decideClaim(command: ClaimNeverArrived, state: OrderState, policy: OrderPolicy): OrderEvent[] {
  requireOrder(state, command.orderId);
  if (state.claims.some((claim) => claim.claimId === command.claimId)) return [];
  requireNotCancelled(state, 'a delivery claim');
  requireDelivery(state, 'ship', 'claimed as never arrived');
  const refuse = (why: string) => new OrderRefusedError('CLAIM_NOT_ALLOWED', state.orderId, why);
  if (state.status !== 'shipped' && state.status !== 'done') throw refuse('has not shipped yet');
  if (state.claims.some((claim) => claim.settlement === undefined)) throw refuse('already has a claim waiting');
  const value = { amount: netPaid(state), currency: state.currency };
  if (value.amount <= 0) throw refuse('has nothing left to claim: everything paid was refunded');

  const claimed: OrderEvent = {
    type: 'NeverArrivedClaimed',
    data: { at: command.at, claimId: command.claimId, value },
  };
  if (!isUnderJustFixIt(policy, value)) return [claimed];
  const claim: ClaimState = {
    claimId: command.claimId,
    value,
    claimedAt: command.at,
    settlement: undefined,
    automatic: true,
  };
  return [claimed, ...settle(state, claim, policy.justFixItWith, command.at, true, undefined, undefined)];
}

export function decideSettleClaim(command: SettleNeverArrived, state: OrderState): OrderEvent[] {
  requireOrder(state, command.orderId);
  const claim = state.claims.find((candidate) => candidate.claimId === command.claimId);
  if (claim === undefined) {
    throw new OrderRefusedError('CLAIM_NOT_FOUND', state.orderId, `has no claim ${command.claimId}`);
  }
  if (claim.settlement !== undefined) {
    if (claim.settlement === command.settlement) return [];
    throw new OrderRefusedError('CLAIM_NOT_ALLOWED', state.orderId, `claim ${claim.claimId} was settled already`);
  }
  if (command.refundAmount !== undefined) requireCurrency(state, command.refundAmount, 'the claim refund');
  return settle(state, claim, command.settlement, command.at, false, command.refundAmount?.amount, command.note);
}

function settle(
  state: OrderState,
  claim: ClaimState,
  settlement: ClaimSettlement,
  at: string,
  automatic: boolean,
  splitAmount: number | undefined,
  note: string | undefined,
): OrderEvent[] {
  const settled: OrderEvent = {
    type: 'NeverArrivedSettled',
    data: { at, claimId: claim.claimId, settlement, automatic, ...(note === undefined ? {} : { note }) },
  };
  const kept = netPaid(state);
  switch (settlement) {
    case 'refused':
      return [settled];
    case 'refund':
    case 'split': {
      const wanted = settlement === 'refund' ? claim.value.amount : (splitAmount ?? Math.floor(claim.value.amount / 2));
      const amount = Math.min(wanted, kept);
      if (amount <= 0) return [settled];
      const refund = allocateRefund(state, { amount, currency: state.currency }, 'none');
      return [
        settled,
        {
          type: 'Refunded',
          data: { at, refundId: `${claim.claimId}/refund`, reason: 'not_arrived', ...refund, origin: 'claim' },
        },
      ];
    }
    case 'replacement': {
      const lines = state.lines
        .filter((line) => line.kind === 'physical' && unitsOut(line) > 0)
        .map((line) => ({ lineId: line.lineId, quantity: unitsOut(line) }));
      if (lines.length === 0) return [settled];
      return [settled, { type: 'ReplacementShipped', data: { at, claimId: claim.claimId, lines } }];
    }
  }
}
