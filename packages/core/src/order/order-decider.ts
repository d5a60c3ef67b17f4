import type { OrderEvent } from '../catalogue/order-events';
import type { Decider } from '../decider';
import { decideClaim, decideSettleClaim } from './decide-claim';
import {
  decideCancel,
  decideDelivered,
  decideEdit,
  decidePay,
  decidePickedUp,
  decidePlaceOrder,
  decideReadyForPickup,
  decideShip,
  decideStartPreparing,
} from './decide-lifecycle';
import { decideRefund, decideRefundAmount, decideReturn } from './decide-refund';
import { evolveOrder } from './evolve-order';
import type { OrderCommand } from './order-commands';
import { requireNotBeforePlacement } from './order-guards';
import { defaultOrderPolicy, type OrderPolicy } from './order-policy';
import { initialOrderState, type OrderState } from './order-state';

export type OrderDecider = Decider<OrderCommand, OrderState, OrderEvent>;

/** The order aggregate, following the store's `policy`. */
export function orderDecider(policy: OrderPolicy = defaultOrderPolicy): OrderDecider {
  return {
    initialState: initialOrderState,
    evolve: evolveOrder,
    decide: (command, state) => decideOrder(command, state, policy),
  };
}

export function decideOrder(command: OrderCommand, state: OrderState, policy: OrderPolicy): OrderEvent[] {
  if (command.type !== 'PlaceOrder') requireNotBeforePlacement(state, command.at);
  switch (command.type) {
    case 'PlaceOrder':
      return decidePlaceOrder(command, state);
    case 'Pay':
      return decidePay(command, state);
    case 'StartPreparing':
      return decideStartPreparing(command, state, policy);
    case 'MarkReadyForPickup':
      return decideReadyForPickup(command, state, policy);
    case 'Ship':
      return decideShip(command, state, policy);
    case 'MarkDelivered':
      return decideDelivered(command, state);
    case 'MarkPickedUp':
      return decidePickedUp(command, state, policy);
    case 'EditOrder':
      return decideEdit(command, state);
    case 'CancelOrder':
      return decideCancel(command, state);
    case 'RefundOrder':
      return decideRefund(command, state);
    case 'RefundAmount':
      return decideRefundAmount(command, state);
    case 'ReceiveReturn':
      return decideReturn(command, state);
    case 'ClaimNeverArrived':
      return decideClaim(command, state, policy);
    case 'SettleNeverArrived':
      return decideSettleClaim(command, state);
  }
}
