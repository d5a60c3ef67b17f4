/**
 * @order-ledger/projection-customer-timeline: each buyer's orders and touchpoints on one timeline,
 * so a third-time buyer is never treated as a stranger.
 */
export {
  addTouchpoint,
  type CustomerTimelineOptions,
  customerTimeline,
  describeEntry,
  describeOrderEvent,
} from './customer-timeline';
export {
  type CustomerTimeline,
  initialTimelineState,
  netSpend,
  type TimelineEntry,
  type TimelineState,
  type Touchpoint,
} from './timeline-state';
