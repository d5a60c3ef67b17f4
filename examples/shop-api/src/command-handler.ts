import {
  type EventStore,
  isStockCommand,
  type LedgerCommand,
  type OrderLedger,
  type StreamRevision,
} from '@order-ledger/core';
import type { Context } from 'hono';
import { commandFrom, parseJsonBody } from './command-body';
import type { CommandRoute } from './command-routes';
import type { IdempotencyRecords } from './idempotency/idempotency-records';
import { checkedKey, commandIdForKey, idempotently, requestFingerprint } from './idempotency/idempotent';
import { problemFor } from './ledger-problems';
import { etagOf, orderView } from './order-view';
import { problemResponse, requestProblem } from './problem';

export interface CommandDeps {
  readonly ledger: OrderLedger;
  readonly store: EventStore;
  readonly idempotency: IdempotencyRecords;
  readonly clock: () => Date;
  /** The buyer's tracking page of an order, a path on this API: in the answer to a placed order. */
  readonly trackingPath: (orderId: string) => string;
}

/** `If-Match: "3"`: the revision the client saw. `*` asks only that the order exist, which every command but PlaceOrder does anyway. */
function revisionOf(ifMatch: string | undefined): StreamRevision | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const match = /^\s*"(\d{1,15})"\s*$/.exec(ifMatch);
  if (match?.[1] === undefined) {
    throw requestProblem(
      400,
      'BAD_IF_MATCH',
      'Bad If-Match',
      `If-Match must be one ETag as GET /orders/:id sends it, quotes included (as in "3"); it was: ${ifMatch}`,
      [{ path: 'header If-Match', reason: 'must be one strong ETag, as in "3"' }],
    );
  }
  return Number(match[1]);
}

/** The answer to a command carried out: what it is about now, and the events it wrote. */
async function carriedOut(
  deps: CommandDeps,
  route: CommandRoute,
  command: LedgerCommand,
  options: { commandId?: string; expectedRevision?: StreamRevision },
): Promise<Response> {
  const result = await deps.ledger.execute(command, options);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  // The newest position written: a client sends it back as Ledger-After to read its own write.
  if (result.events.length > 0) {
    headers['ledger-position'] = String(Math.max(...result.events.map((event) => event.position)));
  }
  let body: unknown;
  if (isStockCommand(command)) {
    body = { stock: await deps.ledger.stock(command.sku), events: result.events };
  } else {
    const view = await orderView(deps.store, command.orderId);
    headers.etag = etagOf(view.revision);
    const order = { order: view.order, revision: view.revision, events: result.events };
    body = order;
    if (route.creates === true) {
      headers.location = `/orders/${encodeURIComponent(command.orderId)}`;
      body = { ...order, trackingUrl: deps.trackingPath(command.orderId) };
    }
  }
  return new Response(JSON.stringify(body), { status: route.creates === true ? 201 : 200, headers });
}

/**
 * One POST: the body read and checked, the command carried out, and every failure answered as a
 * problem, so that what a retry with the same Idempotency-Key replays is exactly what was sent.
 */
export async function handleCommandRequest(c: Context, route: CommandRoute, deps: CommandDeps): Promise<Response> {
  const text = await c.req.text();
  const key = checkedKey(c.req.header('idempotency-key'));
  const ifMatch = c.req.header('if-match');
  if (route.stock === true && ifMatch !== undefined) {
    throw requestProblem(
      400,
      'BAD_IF_MATCH',
      'Bad If-Match',
      "If-Match is for the order routes: no GET shows a SKU's revision",
      [{ path: 'header If-Match', reason: 'not taken on a stock route' }],
    );
  }
  const expectedRevision = revisionOf(ifMatch);
  const run = async (): Promise<Response> => {
    try {
      const command = commandFrom(route.type, c.req.param(), parseJsonBody(text));
      return await carriedOut(deps, route, command, {
        ...(key === undefined ? {} : { commandId: commandIdForKey(key) }),
        ...(expectedRevision === undefined ? {} : { expectedRevision }),
      });
    } catch (error) {
      const problem = problemFor(error);
      if (problem.status >= 500) console.error(error);
      return problemResponse(problem);
    }
  };
  if (key === undefined) return run();
  return idempotently(deps.idempotency, key, requestFingerprint('POST', c.req.path, text), deps.clock(), run);
}
