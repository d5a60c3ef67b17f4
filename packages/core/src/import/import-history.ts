import type { EventCatalogue } from '../catalogue/event-catalogue';
import { type LedgerEvent, ledgerCatalogue } from '../catalogue/ledger-catalogue';
import { LedgerError } from '../errors/ledger-error';
import type { CheckedEvent } from '../event-store/append-checks';
import { ConcurrencyError, DuplicateEventIdError } from '../event-store/errors';
import type { EventStore } from '../event-store/event-store';
import type { NewEvent, StreamRevision } from '../event-store/types';
import { checkImportEvent } from './import-checks';
import {
  type BatchOutcome,
  type ImportEntry,
  type ImportEvent,
  ImportRefusedError,
  type ImportSession,
  isUnreadable,
  supportsBulkImport,
} from './import-types';
import { ImportedOrders } from './imported-orders';

/** Something that kept an entry out of the store: where it came from, its stream, and why. */
export interface ImportProblem<S = unknown> {
  readonly source: S | undefined;
  readonly streamId: string | undefined;
  readonly reason: string;
  /** The ledger error behind it, when there is one (`EVENT_INVALID`, `CONCURRENCY_CONFLICT`, …). */
  readonly code?: string;
}

export interface ImportReport<S = unknown> {
  /** Events written by this run. */
  readonly written: number;
  /** Events the store already held (a re-run). Stores without an import session count them as written. */
  readonly alreadyThere: number;
  /** Everything refused or left out, in the order met. */
  readonly problems: readonly ImportProblem<S>[];
  /** False when nothing of this run was kept: a problem without `skipInvalid`, on a store with an import session. */
  readonly committed: boolean;
  /**
   * True when a store without an import session refused an event only while writing: the import
   * stopped there, keeping what it had appended (`written`); run it again once the cause is fixed.
   */
  readonly stopped: boolean;
}

export interface ImportOptions {
  /**
   * Write what is good and report the rest. A refused event's later events on the same stream are
   * left out with it (their revisions would no longer follow). Default false: any problem and
   * nothing is kept; the rest of the history is still checked, so every problem is reported.
   */
  readonly skipInvalid?: boolean;
  readonly catalogue?: EventCatalogue<LedgerEvent>;
  /** Called after each batch, with how many entries it held. */
  readonly onBatch?: (entries: number) => void;
}

/**
 * Imports a history into `store`, a batch at a time. `read` gives the history's entries in order;
 * it is called once where the store has an import session, twice where it does not.
 *
 * On a store with an import session (SQLite, PostgreSQL) the whole import is one transaction:
 * all or nothing. Without `skipInvalid`, the first problem rolls it back and the rest is only
 * checked; with it, bad entries are left out and the rest commits together.
 *
 * Elsewhere (in memory, EventStoreDB), every entry is checked first, without writing; the history
 * is then read again and appended run by run, each run of one stream in one append. A refusal
 * found only while writing (an event id already used elsewhere, a stream changed by another
 * writer) stops the import there and keeps what was appended before it (`stopped`): running the
 * import again, once the cause is fixed, finds what is there and completes it.
 */
export async function importHistory<S>(
  store: EventStore,
  read: () => AsyncIterable<readonly ImportEntry<S>[]>,
  options: ImportOptions = {},
): Promise<ImportReport<S>> {
  const catalogue = options.catalogue ?? ledgerCatalogue;
  const skipInvalid = options.skipInvalid === true;
  if (supportsBulkImport(store)) {
    return inSession(await store.beginImport(), read(), new Tally<S>(catalogue), skipInvalid, options.onBatch);
  }
  return byAppends(store, read, catalogue, skipInvalid, options.onBatch);
}

async function inSession<S>(
  session: ImportSession,
  entries: AsyncIterable<readonly ImportEntry<S>[]>,
  tally: Tally<S>,
  skipInvalid: boolean,
  onBatch: ((entries: number) => void) | undefined,
): Promise<ImportReport<S>> {
  let writing = true;
  try {
    for await (const batch of entries) {
      if (writing && !skipInvalid && batch.some(isUnreadable)) {
        // A problem, and no skipping: nothing will be kept. Check the rest, to report it all.
        writing = false;
        await session.rollback();
      }
      if (writing) {
        const rest = await writeBatch(session, tally.readable(batch), tally, skipInvalid);
        if (rest !== undefined) {
          writing = false;
          await session.rollback();
          tally.checkEntries(rest);
        }
      } else {
        tally.checkEntries(batch);
      }
      onBatch?.(batch.length);
    }
    // The rule: without skipping, one problem and nothing is kept.
    const keep = skipInvalid || tally.problemCount === 0;
    if (!keep) {
      await session.rollback();
      return tally.report(false, false);
    }
    await session.commit();
    return tally.report(true, false);
  } catch (error) {
    await session.rollback();
    throw error;
  }
}

/**
 * Writes a batch, leaving out what is refused when skipping. Returns undefined when done, or, on
 * a refusal without skipping, the events after the refused one (still to be checked).
 */
async function writeBatch<S>(
  session: ImportSession,
  events: ImportEvent<S>[],
  tally: Tally<S>,
  skipInvalid: boolean,
): Promise<ImportEvent<S>[] | undefined> {
  let pending = events;
  while (pending.length > 0) {
    try {
      tally.count(await session.write(pending));
      return undefined;
    } catch (error) {
      if (!(error instanceof ImportRefusedError)) throw error;
      tally.refuse(pending[error.index] as ImportEvent<S>, error.reason);
      if (!skipInvalid) return pending.slice(error.index + 1);
      // The batch wrote nothing: again, without the refused event and its stream's later ones.
      pending = [...pending.slice(0, error.index), ...tally.readable(pending.slice(error.index + 1))];
    }
  }
  return undefined;
}

async function byAppends<S>(
  store: EventStore,
  read: () => AsyncIterable<readonly ImportEntry<S>[]>,
  catalogue: EventCatalogue<LedgerEvent>,
  skipInvalid: boolean,
  onBatch: ((entries: number) => void) | undefined,
): Promise<ImportReport<S>> {
  // First every entry is checked, without writing: a bad history writes nothing.
  const tally = new Tally<S>(catalogue);
  for await (const batch of read()) tally.checkEntries(batch);
  if (tally.problemCount > 0 && !skipInvalid) return tally.report(false, false);
  // Then read again, leaving out the same entries by the same rules, without reporting them twice.
  const again = new Tally<S>(catalogue);
  for await (const batch of read()) {
    const good = again.checkEntries(batch);
    if (again.problemCount > tally.problemCount) {
      // The history changed between the two readings: what is new is reported, and nothing more written.
      tally.adopt(again.problems.slice(tally.problemCount));
      return tally.report(true, true);
    }
    for (const run of runsOf(good)) {
      try {
        tally.count(await appendRun(store, run));
      } catch (error) {
        if (!(error instanceof ImportRefusedError)) throw error;
        tally.refuse((run[error.index] as { event: ImportEvent<S> }).event, error.reason);
        return tally.report(true, true);
      }
    }
    onBatch?.(batch.length);
  }
  return tally.report(true, false);
}

/** The bookkeeping of one reading of a history: problems, streams gone bad, counts. */
class Tally<S> {
  readonly #catalogue: EventCatalogue<LedgerEvent>;
  /** Streams with a refused event: their later events are left out. */
  readonly #broken = new Set<string>();
  /** The last revision met per stream, while checking without a store: a history must not skip one. */
  readonly #lastSeen = new Map<string, StreamRevision>();
  /** Each entry's place in the history, so problems found out of turn are reported in order. */
  readonly #ordinals = new WeakMap<object, number>();
  readonly #ordered: { readonly ordinal: number; readonly problem: ImportProblem<S> }[] = [];
  /** Each order's state as its events come: an impossible history is refused as a command would be. */
  readonly #orders = new ImportedOrders();
  #entries = 0;
  #written = 0;
  #alreadyThere = 0;

  constructor(catalogue: EventCatalogue<LedgerEvent>) {
    this.#catalogue = catalogue;
  }

  /** The events of a batch; unreadable entries and events of broken streams are reported instead. */
  readable(batch: readonly ImportEntry<S>[]): ImportEvent<S>[] {
    const events: ImportEvent<S>[] = [];
    for (const entry of batch) {
      if (!this.#ordinals.has(entry)) this.#ordinals.set(entry, this.#entries++);
      if (isUnreadable(entry)) {
        this.#problem(entry, entry.streamId, entry.unreadable, undefined);
        if (entry.streamId !== undefined) this.#broken.add(entry.streamId);
      } else if (this.#broken.has(entry.streamId)) {
        this.#problem(entry, entry.streamId, `left out: an earlier event of ${entry.streamId} was refused`);
      } else if (this.#possible(entry)) {
        events.push(entry);
      }
    }
    return events;
  }

  /**
   * Checks entries in order, without a store: what any store would refuse, and a revision that
   * does not follow the stream's previous one in the history. Gives the good events, checked.
   */
  checkEntries(entries: readonly ImportEntry<S>[]): CheckedImport<S>[] {
    const good: CheckedImport<S>[] = [];
    for (const entry of entries) {
      if (!this.#ordinals.has(entry)) this.#ordinals.set(entry, this.#entries++);
      if (isUnreadable(entry)) {
        this.#problem(entry, entry.streamId, entry.unreadable, undefined);
        if (entry.streamId !== undefined) this.#broken.add(entry.streamId);
        continue;
      }
      if (this.#broken.has(entry.streamId)) {
        this.#problem(entry, entry.streamId, `left out: an earlier event of ${entry.streamId} was refused`);
        continue;
      }
      try {
        const checked = checkImportEvent(entry, this.#catalogue, false);
        const last = this.#lastSeen.get(entry.streamId);
        if (last !== undefined && entry.revision !== last + 1) {
          throw new ConcurrencyError(entry.streamId, entry.revision === 0 ? 'no_stream' : entry.revision - 1, last);
        }
        this.#orders.check(entry.streamId, entry.revision, checked.type, checked.data);
        this.#lastSeen.set(entry.streamId, entry.revision);
        good.push({ event: entry, checked });
      } catch (error) {
        if (!(error instanceof LedgerError)) throw error;
        this.refuse(entry, error);
      }
    }
    return good;
  }

  /**
   * False, with the refusal reported, when the event is impossible for its order. Only an order's
   * events are read here, their data only (the store checks the rest as it writes); one the
   * catalogue refuses is left for the store to refuse, and its order is no longer followed.
   */
  #possible(event: ImportEvent<S>): boolean {
    if (!ImportedOrders.follows(event.streamId)) return true;
    let parsed: { readonly type: string; readonly data: unknown };
    try {
      const current = this.#catalogue.knows(event.type) ? this.#catalogue.versionOf(event.type) : 1;
      parsed = this.#catalogue.parse({
        type: event.type,
        data: event.data,
        schemaVersion: event.schemaVersion ?? current,
      });
    } catch {
      this.#orders.forget(event.streamId);
      return true;
    }
    try {
      this.#orders.check(event.streamId, event.revision, parsed.type, parsed.data);
      return true;
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      this.refuse(event, error);
      return false;
    }
  }

  refuse(event: ImportEvent<S>, reason: LedgerError): void {
    this.#broken.add(event.streamId);
    this.#lastSeen.delete(event.streamId);
    this.#problem(event, event.streamId, reason.message, reason.code);
  }

  count(outcome: BatchOutcome): void {
    this.#written += outcome.written;
    this.#alreadyThere += outcome.alreadyThere;
  }

  report(committed: boolean, stopped: boolean): ImportReport<S> {
    return {
      written: committed ? this.#written : 0,
      alreadyThere: committed ? this.#alreadyThere : 0,
      problems: this.problems,
      committed,
      stopped,
    };
  }

  /** Every problem so far, in the order of the history. */
  get problems(): ImportProblem<S>[] {
    return [...this.#ordered].sort((a, b) => a.ordinal - b.ordinal).map(({ problem }) => problem);
  }

  get problemCount(): number {
    return this.#ordered.length;
  }

  /** Problems met by another reading of the same history, after this one's. */
  adopt(problems: readonly ImportProblem<S>[]): void {
    for (const problem of problems) this.#ordered.push({ ordinal: this.#entries++, problem });
  }

  #problem(entry: ImportEntry<S>, streamId: string | undefined, reason: string, code?: string): void {
    const problem = { source: entry.source, streamId, reason, ...(code === undefined ? {} : { code }) };
    this.#ordered.push({ ordinal: this.#ordinals.get(entry) ?? this.#entries, problem });
  }
}

interface CheckedImport<S = unknown> {
  readonly event: ImportEvent<S>;
  readonly checked: CheckedEvent;
}

/** Consecutive events of one stream, in order. */
function runsOf<T extends CheckedImport>(events: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const item of events) {
    const last = runs.at(-1);
    if (last?.[0]?.event.streamId === item.event.streamId) last.push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * Appends one run of a stream's events at the revisions they name, as checked (upcast to today's
 * shape). When the store finds the run neither new nor a clean retry of one earlier append (a
 * re-run over events an import cut short wrote in other groupings), it goes event by event, each
 * alone either new or a clean retry. Refusals come back as `ImportRefusedError`.
 */
async function appendRun(store: EventStore, run: readonly CheckedImport[]): Promise<BatchOutcome> {
  const first = run[0] as CheckedImport;
  try {
    await store.appendToStream(first.event.streamId, run.map(asNewEvent), { expectedRevision: expectedBefore(first) });
    return { written: run.length, alreadyThere: 0 };
  } catch (error) {
    const oneByOne = run.length > 1 && (error instanceof ConcurrencyError || error instanceof DuplicateEventIdError);
    if (!oneByOne) throw refusal(error, 0, first);
  }
  for (const [index, item] of run.entries()) {
    try {
      await store.appendToStream(item.event.streamId, [asNewEvent(item)], { expectedRevision: expectedBefore(item) });
    } catch (error) {
      throw refusal(error, index, item);
    }
  }
  return { written: run.length, alreadyThere: 0 };
}

/** A ledger error as a refusal of the event; anything else (a lost connection) as it is. */
function refusal(error: unknown, index: number, item: CheckedImport): unknown {
  return error instanceof LedgerError ? new ImportRefusedError(index, item.event, error) : error;
}

function expectedBefore(item: CheckedImport): StreamRevision | 'no_stream' {
  return item.event.revision === 0 ? 'no_stream' : item.event.revision - 1;
}

function asNewEvent({ checked }: CheckedImport): NewEvent {
  return {
    type: checked.type,
    data: checked.data,
    eventId: checked.eventId,
    metadata: checked.metadata,
    ...(checked.recordedAt === undefined ? {} : { recordedAt: checked.recordedAt }),
  } as NewEvent;
}
