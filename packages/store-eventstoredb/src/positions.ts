import type { GlobalPosition, StreamRevision } from '@order-ledger/core';
import type { EsdbPosition } from './driver';

/**
 * EventStoreDB positions are byte offsets in its transaction log, a pair (commit, prepare) that
 * is equal for every event a gRPC client writes (the server's `$all` reader gives an implicitly
 * committed event the position of its own record). The contract's position is one number, so the
 * store uses the commit position: it orders `$all`, is unique per event, and goes into JSON as it
 * is. A pair that differs comes only from an explicit transaction (the old TCP API), which this
 * store refuses to read rather than resume from a position that cannot be rebuilt.
 */
export function toGlobalPosition(position: EsdbPosition | undefined, where: string): GlobalPosition {
  if (position === undefined)
    throw new Error(`${where}: the server gave no $all position (EventStoreDB 22.6+ is needed)`);
  if (position.commit !== position.prepare) {
    throw new Error(
      `${where}: written in an explicit transaction (commit ${position.commit} ≠ prepare ${position.prepare}); ` +
        'this store reads only events appended by gRPC clients',
    );
  }
  return toSafeNumber(position.commit, where);
}

/** The server position a contract position stands for. */
export function toEsdbPosition(position: GlobalPosition): EsdbPosition {
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

export function toRevision(revision: bigint, where: string): StreamRevision {
  return toSafeNumber(revision, where);
}

function toSafeNumber(value: bigint, where: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${where}: ${value} is beyond 2^53, a JSON-safe number`);
  return Number(value);
}
