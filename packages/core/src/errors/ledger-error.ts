/**
 * The base of every error the ledger throws on purpose.
 *
 * Each subclass carries a stable `code`, so callers can branch on it without matching message
 * strings, and without `instanceof` (which fails when two copies of the package are installed).
 */
export abstract class LedgerError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True when `error` is a ledger error with the given code, whichever copy of the package threw it. */
export function hasErrorCode<C extends string>(error: unknown, code: C): error is LedgerError & { code: C } {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}
