import {
  amountDue,
  type EventStore,
  evolveOrder,
  foldRecorded,
  initialOrderState,
  type Money,
  type OrderEvent,
  type OrderState,
  orderStreamId,
  type RecordedEvent,
  refundOwed,
} from '@order-ledger/core';
import { requestProblem } from './problem';

/** One order as the API shows it: its state, what it is owed or owes, and every event of its stream. */
export interface OrderView {
  readonly order: OrderState & { readonly due: Money; readonly owed: Money };
  /** The order stream's revision: the ETag, and what `If-Match` compares with. */
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
}

const orderFold = { initialState: initialOrderState, evolve: evolveOrder };

/**
 * An order read from its own stream, not from a read model: the stream is where commands decide,
 * so its revision is the one `If-Match` is checked against, and it is never behind a write.
 */
export async function orderView(store: EventStore, orderId: string): Promise<OrderView> {
  const events = await store.readStream(orderStreamId(orderId));
  const folded = foldRecorded(orderFold, events as RecordedEvent<OrderEvent>[]);
  if (!folded.state.exists) {
    throw requestProblem(404, 'ORDER_NOT_FOUND', 'No such order', `there is no order ${JSON.stringify(orderId)}`);
  }
  return {
    order: { ...folded.state, due: amountDue(folded.state), owed: refundOwed(folded.state) },
    revision: folded.revision,
    events,
  };
}

/** A strong ETag for a stream revision. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}
