/**
 * @order-ledger/follow-ups: the after-sale moments, derived from events: the review ask once
 * the buyer has the order, the reorder nudge on each buyer's own clock, the pickup no-show nudge.
 * It says what is due and when; sending is the app's job.
 */
export { type BuyerNote, dueBuyerNotes } from './buyer-notes';
export { evolveFollowUps, followUps } from './follow-ups-projection';
export {
  type FollowUpLine,
  type FollowUpOrder,
  type FollowUpsState,
  initialFollowUpsState,
  keptUnitsBySku,
} from './follow-ups-state';
export { dueFollowUps, type FollowUp, type ScheduleOptions } from './schedule';
