import { LedgerError } from '@order-ledger/core';

export type CustomerValueErrorCode =
  | 'CUSTOMER_VALUE_INVALID_DAY'
  | 'CUSTOMER_VALUE_INVALID_INPUT'
  | 'CUSTOMER_VALUE_INVALID_PARAMETER'
  | 'CUSTOMER_VALUE_EMPTY_DATA'
  | 'CUSTOMER_VALUE_SERIES_NOT_CONVERGED'
  | 'CUSTOMER_VALUE_UNDEFINED_MEAN';

/** Thrown when inputs are out of a model's domain or a numerical method gives up: never a silent NaN. */
export class CustomerValueError extends LedgerError {
  readonly code: CustomerValueErrorCode;

  constructor(code: CustomerValueErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
