import { LedgerError } from '../errors/ledger-error';

export type MoneyErrorCode =
  | 'MONEY_CURRENCY_MISMATCH'
  | 'MONEY_NOT_AN_INTEGER'
  | 'MONEY_UNSAFE_INTEGER'
  | 'MONEY_UNKNOWN_CURRENCY'
  | 'MONEY_INVALID_RATIOS';

/** Thrown when money arithmetic would mix currencies, leave whole minor units, or lose precision. */
export class MoneyError extends LedgerError {
  readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
