export {
  type BgNbdCustomer,
  type BgNbdFit,
  type BgNbdFitOptions,
  type BgNbdParams,
  bgnbdLogLikelihood,
  compressBgNbdData,
  expectedPurchases,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  probabilityAlive,
  type WeightedBgNbdCustomer,
} from './bg-nbd';
export { type ClvCustomer, type ClvOptions, customerLifetimeValue } from './clv';
export {
  type CustomerSummary,
  dayNumber,
  type Purchase,
  type SummaryOptions,
  summarizeCustomers,
  type TimeUnit,
} from './customer-summary';
export { CustomerValueError, type CustomerValueErrorCode } from './customer-value-error';
export {
  type CustomerValue,
  type CustomerValueOptions,
  type CustomerValueReport,
  customerValueReport,
  type LapsingCustomer,
  lapsingValuableCustomers,
} from './customer-value-report';
export {
  expectedMeanSpend,
  fitGammaGamma,
  type GammaGammaCustomer,
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaParams,
  gammaGammaLogLikelihood,
  repeatCustomers,
  spendFrequencyCorrelation,
} from './gamma-gamma';
export { type NelderMeadOptions, type NelderMeadResult, nelderMead } from './nelder-mead';
export { type HistoryPurchases, purchasesFromHistory } from './purchases-from-history';
export { hyp2f1, hyp2f1ExcessPerB, lnBeta, lnGamma, logSumExp, type SeriesOptions } from './special-functions';
