import {
  CommandIdReusedError,
  CommandValidationError,
  ConcurrencyError,
  InvalidAppendError,
  MoneyError,
  OrderRefusedError,
  StockRefusedError,
  StreamRevisionMismatchError,
} from '@order-ledger/core';
import { type Problem, ProblemError, problemType } from './problem';

/**
 * Refusals that depend on where the order (or the shelf) stands now: the same request may be
 * right at another moment, so they are conflicts with the current state (409). Every other
 * refusal says the request does not fit the order at all (a line it does not have, more than was
 * paid, another currency): unprocessable (422).
 */
const conflicts = new Set([
  'ORDER_ALREADY_EXISTS',
  'ORDER_CANCELLED',
  'ORDER_NOT_PAID',
  'ORDER_ALREADY_FULFILLED',
  'ORDER_INVALID_TRANSITION',
  'ORDER_EDIT_AFTER_FULFILMENT',
  'PAYMENT_ID_REUSED',
  'REFUND_ID_REUSED',
  'RETURN_ID_REUSED',
  'COMMAND_ID_REUSED',
  'CLAIM_NOT_ALLOWED',
  'OUT_OF_STOCK',
  'STOCK_PROMISED',
  'STOCK_NEGATIVE',
  'CONCURRENCY_CONFLICT',
]);

const titles: Record<number, string> = {
  404: 'No such order',
  409: 'Refused: the order or the stock is not in a state that allows it',
  412: 'The order changed since you read it',
  422: 'Refused: the request does not fit the order',
};

/** The ledger's answers to a request it will not carry out; any other error is the server's fault. */
const refusals = [
  OrderRefusedError,
  StockRefusedError,
  MoneyError,
  CommandIdReusedError,
  ConcurrencyError,
  StreamRevisionMismatchError,
  InvalidAppendError,
] as const;

/**
 * The problem a thrown error is for the client: a problem raised on purpose as it is, a ledger
 * refusal with its code and a status that fits, and anything else an internal error whose detail
 * says nothing of the code (the server's log has it).
 */
export function problemFor(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof CommandValidationError) {
    return {
      type: problemType(error.code),
      title: 'The command is not valid',
      status: 422,
      detail: error.message,
      code: error.code,
      errors: error.issues.map((issue) => ({ path: issue.path, reason: issue.reason })),
    };
  }
  if (refusals.some((kind) => error instanceof kind)) {
    const { code, message } = error as Error & { code: string };
    const status =
      code === 'ORDER_NOT_FOUND' ? 404 : code === 'REVISION_MISMATCH' ? 412 : conflicts.has(code) ? 409 : 422;
    return { type: problemType(code), title: titles[status] ?? 'Refused', status, detail: message, code };
  }
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'the server failed to answer this request; its log says why',
  };
}
