import { LedgerError } from '@order-ledger/core';

export type CustomerValueErrorCode =
  /**
   * A day is not a calendar day written `YYYY-MM-DD`.
   * @remedy Pass days as `YYYY-MM-DD` (2026-03-01).
   */
  | 'CUSTOMER_VALUE_INVALID_DAY'
  /**
   * An input is out of the models' domain: a purchase without a customer id or with a spend that is
   * not a number, a horizon, discount rate or period length out of range, a summary with impossible
   * counts.
   * @remedy Read the message, which names the field; correct the data or the period's end.
   */
  | 'CUSTOMER_VALUE_INVALID_INPUT'
  /**
   * A model parameter or a function argument is not finite, or out of its range.
   * @remedy Pass finite, positive parameters (fitted ones come from `fitBgNbd` and
   * `fitGammaGamma`).
   */
  | 'CUSTOMER_VALUE_INVALID_PARAMETER'
  /**
   * A fit or a statistic has too little data: no customers, no repeat customers, fewer than two.
   * @remedy Fit over a longer history, or wait for repeat buyers before asking for values.
   */
  | 'CUSTOMER_VALUE_EMPTY_DATA'
  /**
   * A series in the likelihood did not converge within its term budget.
   * @remedy Allow more terms (`SeriesOptions.maxTerms`), or refit: parameters that extreme usually
   * mean too little data.
   */
  | 'CUSTOMER_VALUE_SERIES_NOT_CONVERGED'
  /**
   * The Gamma-Gamma expected spend is undefined for these parameters (p·x + q ≤ 1).
   * @remedy Refit on more repeat customers; a fit with q ≤ 1 says the spend data cannot support a
   * mean.
   */
  | 'CUSTOMER_VALUE_UNDEFINED_MEAN';

/** Thrown when inputs are out of a model's domain or a numerical method gives up: never a silent NaN. */
export class CustomerValueError extends LedgerError {
  readonly code: CustomerValueErrorCode;

  constructor(code: CustomerValueErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
