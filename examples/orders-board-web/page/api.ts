import type { CustomerTimeline, TimelineEntry } from '@order-ledger/projection-customer-timeline';
import type { BoardView } from '@order-ledger/projection-orders-board';
import type { SkuCounts } from '@order-ledger/projection-stock-counts';
import type { WeeklySweep } from '@order-ledger/weekly-sweep';
import type { OrderView } from 'shop-api/src/order-view';

/** The answers of the shop API's GETs this page reads (the API's own types, so they cannot drift). */
export interface Reads {
  readonly '/board': BoardView;
  readonly '/stock': { readonly skus: readonly SkuCounts[] };
  readonly '/sweep': WeeklySweep;
}
export type OrderAnswer = OrderView;
export type CustomerAnswer = CustomerTimeline & { readonly entries: readonly (TimelineEntry & { summary: string })[] };

/** A refusal or failure as the API words it (RFC 9457 problem details). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** The newest ledger position any answer reflected: what a read asks to see at least (`Ledger-After`). */
let seen = 0;

export function positionSeen(): number {
  return seen;
}

function note(response: Response): void {
  const position = Number(response.headers.get('ledger-position'));
  if (Number.isSafeInteger(position) && position > seen) seen = position;
}

async function answer<T>(response: Response): Promise<T> {
  note(response);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string; title?: string };
    throw new ApiProblem(
      response.status,
      problem.code ?? 'HTTP_ERROR',
      problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`,
    );
  }
  return body as T;
}

/** A read that reflects at least every write this page made or was told of. */
export async function read<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { 'ledger-after': String(seen) } }));
}

export function readReport<P extends keyof Reads>(path: P): Promise<Reads[P]> {
  return read<Reads[P]>(path);
}

/** A command, as of now; the page reads its effect afterwards (`Ledger-Position` is noted). */
export async function command(path: string, body: Readonly<Record<string, unknown>>): Promise<void> {
  await answer<unknown>(
    await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: new Date().toISOString(), ...body }),
    }),
  );
}

/** The ledger moved past what the page shows: remember it, so the next read waits for it. */
export function told(position: number): boolean {
  if (position <= seen) return false;
  seen = position;
  return true;
}
