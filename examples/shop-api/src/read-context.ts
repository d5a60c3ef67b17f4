import type { Context } from 'hono';
import { requestProblem } from './problem';
import type { ShopSettings } from './shop-settings';

/** What a read is asked: as of when, after which position of the history, and how many rows. */
export interface ReadContext {
  readonly asOf: Date;
  /** The newest position the client has seen (`Ledger-After` header, or `?after=`): the read reflects at least it. */
  readonly after: number | undefined;
  readonly limit: number;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A whole number given as text, or undefined when not given; a 400 naming `where` when it is not one. */
export function wholeNumber(text: string | undefined, where: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,15}$/.test(text)) {
    throw requestProblem(
      400,
      'BAD_PARAMETER',
      'Bad parameter',
      `${where} must be a whole number, not ${JSON.stringify(text)}`,
      [{ path: where, reason: 'must be a whole number' }],
    );
  }
  return Number(text);
}

export function readContext(c: Context, settings: ShopSettings): ReadContext {
  const asOfText = c.req.query('asOf');
  if (asOfText !== undefined && (!isoInstant.test(asOfText) || Number.isNaN(Date.parse(asOfText)))) {
    throw requestProblem(
      400,
      'BAD_PARAMETER',
      'Bad parameter',
      `asOf must be an ISO 8601 instant with its offset (2026-03-02T09:00:00Z), not ${JSON.stringify(asOfText)}`,
      [{ path: 'query asOf', reason: 'must be an ISO 8601 instant with its offset' }],
    );
  }
  const header = wholeNumber(c.req.header('ledger-after'), 'header Ledger-After');
  const query = wholeNumber(c.req.query('after'), 'query after');
  const after = header === undefined && query === undefined ? undefined : Math.max(header ?? 0, query ?? 0);
  return {
    asOf: asOfText === undefined ? settings.clock() : new Date(asOfText),
    after,
    limit: wholeNumber(c.req.query('limit'), 'query limit') ?? 20,
  };
}
