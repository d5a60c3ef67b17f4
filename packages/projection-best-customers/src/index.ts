/**
 * @order-ledger/projection-best-customers: repeat buyers, RFM segments, what is bought together,
 * which first product leads to later spending, each product's reorder rhythm, and where parcels
 * "never arrive".
 */
export {
  type BoughtTogether,
  boughtTogether,
  type ClaimCounts,
  type CustomerMetrics,
  customerMetrics,
  type GatewayProduct,
  gatewayProducts,
  neverArrivedClaims,
  purchasesOf,
  type RfmCustomer,
  type RfmOptions,
  rankByValue,
  reorderRhythm,
  repeatPurchaseRate,
  rfm,
} from './analytics';
export { addressKey, bestCustomers, evolveBestCustomers } from './best-customers';
export {
  type BestCustomersState,
  type CustomerOrder,
  initialBestCustomersState,
  netValue,
  type OrderPlace,
  qualifies,
} from './best-customers-state';
export { defaultFixedRfmThresholds, type FixedRfmThresholds, quintileScores, type RfmSegment, rfmSegment } from './rfm';
