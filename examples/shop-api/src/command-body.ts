import { type LedgerCommand, parseLedgerCommand } from '@order-ledger/core';
import { requestProblem } from './problem';

/** The body as JSON, or a 400 that says where it stopped making sense. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw requestProblem(
      400,
      'BAD_JSON',
      'The body is not JSON',
      `the request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/**
 * The command a request asks for: the body's fields, the type the route names and what the path
 * says (order id, SKU, claim id), checked by the core's own command schemas (`parseLedgerCommand`,
 * the check `OrderLedger.execute` makes). A body that names another type, order or SKU than its
 * path is refused rather than one silently winning.
 */
export function commandFrom(type: string, params: Readonly<Record<string, string>>, body: unknown): LedgerCommand {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw requestProblem(422, 'COMMAND_INVALID', 'The command is not valid', 'the body must be a JSON object', [
      { path: '', reason: 'must be a JSON object' },
    ]);
  }
  const fromRoute: Record<string, string> = { type, ...params };
  const clashes = Object.entries(fromRoute).flatMap(([field, value]) => {
    const given = (body as Record<string, unknown>)[field];
    return given === undefined || given === value
      ? []
      : [{ path: field, reason: `is ${JSON.stringify(value)} in the path, but ${JSON.stringify(given)} in the body` }];
  });
  if (clashes.length > 0) {
    throw requestProblem(422, 'COMMAND_INVALID', 'The command is not valid', 'the body contradicts the path', clashes);
  }
  return parseLedgerCommand({ ...body, ...fromRoute });
}
