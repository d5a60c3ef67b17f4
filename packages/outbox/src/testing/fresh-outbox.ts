import { afterEach, beforeEach } from 'vitest';
import {
  dropPlace,
  freshPlace,
  type OpenedOutbox,
  openOutbox,
  postgresAvailable,
  type StoreKind,
  type StorePlace,
} from './test-stores';

/** The stores of `wanted` this machine can run: PostgreSQL only when a server answers (always under CI). */
export async function availableKinds(wanted: readonly StoreKind[]): Promise<StoreKind[]> {
  if (!wanted.includes('postgres') || (await postgresAvailable())) return [...wanted];
  return wanted.filter((kind) => kind !== 'postgres');
}

export interface FreshOutbox {
  readonly place: StorePlace;
  readonly opened: OpenedOutbox;
  /** Runs `close` after the test, before the store is dropped (a receiver, a sender). */
  closeAfter(close: () => unknown): void;
}

/** Opens a fresh store of `kind` with its outbox before each test, and drops it after. */
export function freshOutboxEach(kind: StoreKind): FreshOutbox {
  let place: StorePlace | undefined;
  let opened: OpenedOutbox | undefined;
  const closing: (() => unknown)[] = [];
  beforeEach(async () => {
    place = freshPlace(kind);
    opened = await openOutbox(place);
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    await opened?.close();
    if (place !== undefined) await dropPlace(place);
  });
  return {
    get place() {
      if (place === undefined) throw new Error('the outbox is opened before each test');
      return place;
    },
    get opened() {
      if (opened === undefined) throw new Error('the outbox is opened before each test');
      return opened;
    },
    closeAfter: (close) => closing.push(close),
  };
}
