import { LedgerError } from '../errors/ledger-error';

export type MoneyErrorCode =
  /**
   * Two amounts in different currencies were added, subtracted, compared or allocated together.
   * @remedy Keep each currency's amounts apart, or convert one first: the ledger never converts.
   */
  | 'MONEY_CURRENCY_MISMATCH'
  /**
   * An amount or a quantity is not a whole number: money is kept in integer minor units (1999 for
   * 19.99).
   * @remedy Pass minor units as integers (multiply by the currency's minor-unit factor and round
   * once, where the amount enters).
   */
  | 'MONEY_NOT_AN_INTEGER'
  /**
   * An amount, or a result of arithmetic on amounts, is beyond `Number.MAX_SAFE_INTEGER`, where
   * whole numbers stop being exact.
   * @remedy Check the amount's source (an amount in major units multiplied twice, say); no real
   * order needs amounts that large.
   */
  | 'MONEY_UNSAFE_INTEGER'
  /**
   * The currency is not an ISO 4217 code the ledger knows.
   * @remedy Use the three-letter ISO 4217 code in capitals (`EUR`, `USD`, `JPY`).
   */
  | 'MONEY_UNKNOWN_CURRENCY'
  /**
   * `allocate` was given no ratios, a negative or fractional one, or only zeros.
   * @remedy Pass at least one ratio, each a whole number ≥ 0, with at least one above zero.
   */
  | 'MONEY_INVALID_RATIOS';

/** Thrown when money arithmetic would mix currencies, leave whole minor units, or lose precision. */
export class MoneyError extends LedgerError {
  readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
