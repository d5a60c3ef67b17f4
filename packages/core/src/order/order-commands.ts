import type {
  CancelReason,
  ClaimSettlement,
  Delivery,
  OrderChange,
  OrderLine,
  PaymentMethod,
  RefundReason,
  Restock,
  ReturnCondition,
} from '../catalogue/order-events';
import type { Money } from '../money/money';

/** Every command names its order and gives the business time it happened at. */
interface OrderCommandBase {
  readonly orderId: string;
  readonly at: string;
}

export interface PlaceOrder extends OrderCommandBase {
  readonly type: 'PlaceOrder';
  readonly customerId: string;
  readonly currency: string;
  readonly lines: readonly OrderLine[];
  readonly shipping?: Money;
  readonly tax?: Money;
  readonly discount?: Money;
  readonly delivery: Delivery;
  readonly payAtPickup?: boolean;
}

export interface Pay extends OrderCommandBase {
  readonly type: 'Pay';
  /** The payment's own id: paying with the same id twice records it once. */
  readonly paymentId: string;
  readonly amount: Money;
  readonly method: PaymentMethod;
  readonly providerReference?: string;
}

export interface StartPreparing extends OrderCommandBase {
  readonly type: 'StartPreparing';
  readonly preparedBy?: string;
}

export interface MarkReadyForPickup extends OrderCommandBase {
  readonly type: 'MarkReadyForPickup';
  readonly pickupLocation?: string;
}

export interface Ship extends OrderCommandBase {
  readonly type: 'Ship';
  readonly carrier?: string;
  readonly trackingNumber?: string;
}

export interface MarkDelivered extends OrderCommandBase {
  readonly type: 'MarkDelivered';
}

export interface MarkPickedUp extends OrderCommandBase {
  readonly type: 'MarkPickedUp';
}

export interface EditOrder extends OrderCommandBase {
  readonly type: 'EditOrder';
  readonly changes: readonly OrderChange[];
}

export interface CancelOrder extends OrderCommandBase {
  readonly type: 'CancelOrder';
  readonly reason: CancelReason;
  readonly note?: string;
  /** Give back everything captured in the same step. Default true. */
  readonly refund?: boolean;
}

export interface RefundLineRequest {
  readonly lineId: string;
  readonly quantity: number;
  /** Default: the units' price, capped by what the line has left to refund. */
  readonly amount?: Money;
  readonly restock: Restock;
}

/** A refund itemised by the caller: which units, how much, and what happens to stock. */
export interface RefundOrder extends OrderCommandBase {
  readonly type: 'RefundOrder';
  readonly refundId: string;
  readonly reason: RefundReason;
  readonly lines?: readonly RefundLineRequest[];
  readonly shipping?: Money;
  /** Tax or money not tied to a line (an overpayment after an edit, goodwill). */
  readonly other?: Money;
}

/** A refund of an amount, spread over lines, shipping and tax by what each has left (largest remainder). */
export interface RefundAmount extends OrderCommandBase {
  readonly type: 'RefundAmount';
  readonly refundId: string;
  readonly reason: RefundReason;
  readonly amount: Money;
}

export interface ReceiveReturn extends OrderCommandBase {
  readonly type: 'ReceiveReturn';
  readonly returnId: string;
  readonly lines: readonly {
    readonly lineId: string;
    readonly quantity: number;
    readonly condition: ReturnCondition;
  }[];
}

export interface ClaimNeverArrived extends OrderCommandBase {
  readonly type: 'ClaimNeverArrived';
  readonly claimId: string;
}

export interface SettleNeverArrived extends OrderCommandBase {
  readonly type: 'SettleNeverArrived';
  readonly claimId: string;
  readonly settlement: ClaimSettlement;
  /** For `split`: the part refunded. Default: half the claim's value. */
  readonly refundAmount?: Money;
  readonly note?: string;
}

export type OrderCommand =
  | PlaceOrder
  | Pay
  | StartPreparing
  | MarkReadyForPickup
  | Ship
  | MarkDelivered
  | MarkPickedUp
  | EditOrder
  | CancelOrder
  | RefundOrder
  | RefundAmount
  | ReceiveReturn
  | ClaimNeverArrived
  | SettleNeverArrived;

export type OrderCommandType = OrderCommand['type'];
