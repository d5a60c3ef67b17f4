import type { CheckpointStore } from '../event-store/checkpoints';
import type { EventStore } from '../event-store/event-store';
import type { ReadModelTables } from '../event-store/read-model-tables';
import type { RecordedEvent } from '../event-store/types';
import { foldProjection } from './fold-projection';
import { isKeptState, type KeptState } from './kept-collection';
import { KeptReadModel } from './kept-read-model';
import { changedRows, trackChanges } from './kept-save';
import type { ProjectedState, Projection } from './projection';

export interface ProjectionRunnerOptions {
  /**
   * Where the checkpoint lives. Default: the store's own checkpoints, if it keeps them; `false`
   * keeps nothing (an analyst's one-off replay). The read model is saved with the checkpoint, in
   * the same write, so the two never disagree.
   */
  readonly checkpoints?: CheckpointStore | false;
  /**
   * Where a kept projection (state made of `KeptCollection`s) keeps its rows. Default: the
   * store's own `readModels`; pass another store's to keep an EventStoreDB history's read models
   * in a SQLite file or PostgreSQL, say; `checkpoints: false` keeps nothing.
   */
  readonly readModels?: ReadModelTables;
  /** Save the checkpoint after this many events while catching up. Default 10,000. */
  readonly saveEvery?: number;
  /** Called each time the runner has delivered everything written so far. */
  readonly onCaughtUp?: (position: number) => void;
}

/**
 * Keeps one projection up to date with a store: catches up from its checkpoint, then follows new
 * events, strictly in order and one at a time.
 *
 * - A kept projection (its state made of `KeptCollection`s, as every read model of ours is)
 *   lives in the store's `readModels` tables: each save writes the rows that changed and the
 *   checkpoint in one transaction, and a restart loads the rows only when there is something new
 *   to fold. Any other projection is saved whole with its checkpoint, as JSON.
 * - Starting: loads the checkpoint; when the projection's version has changed since, it starts
 *   again from nothing (a rebuild), and its first save replaces every row.
 * - Each event at or before the checkpoint is ignored, so at-least-once delivery is harmless.
 * - A poison event stops the runner with `ProjectionFailedError` (stream, revision, position,
 *   cause), and the checkpoint stays at the last good event.
 */
export class ProjectionRunner<State> {
  readonly projection: Projection<State>;
  readonly #store: EventStore;
  #checkpoints: CheckpointStore | undefined;
  readonly #saveEvery: number;
  readonly #onCaughtUp: ((position: number) => void) | undefined;
  #current: ProjectedState<State>;
  /** The checkpoint as last loaded or saved: a save is a compare-and-set against it. */
  #saved: { position: number; version: number } | null = null;
  #started = false;
  #eventsRead = 0;
  /** The tables a kept projection lives in; undefined for a projection saved whole, or kept nowhere. */
  readonly #tables: ReadModelTables | undefined;
  /** Whether `#current.state` holds the kept rows (false until something needs them). */
  #loaded = true;
  /** The next save replaces every row: a rebuild, or a first run over rows of unknown origin. */
  #reset = false;

  constructor(store: EventStore, projection: Projection<State>, options: ProjectionRunnerOptions = {}) {
    this.projection = projection;
    this.#store = store;
    this.#checkpoints = options.checkpoints === false ? undefined : (options.checkpoints ?? store.checkpoints);
    this.#saveEvery = options.saveEvery ?? 10_000;
    this.#onCaughtUp = options.onCaughtUp;
    const initial = projection.initialState();
    this.#current = { state: initial, position: 0 };
    const kept = isKeptState(initial);
    this.#tables = kept && options.checkpoints !== false ? (options.readModels ?? store.readModels) : undefined;
    if (this.#tables !== undefined) trackChanges(initial as KeptState);
    // Kept collections are not JSON: on a store without tables such a read model is kept nowhere
    // (folded again from the start each run), never half-saved as an empty document.
    if (kept && this.#tables === undefined) this.#checkpoints = undefined;
  }

  /**
   * The read model as folded so far. A kept read model resumed from its tables is loaded only
   * when something new is folded, or by `loadState()`: reading it before then is an error.
   */
  get state(): State {
    if (!this.#loaded) {
      throw new Error(
        `projection ${this.projection.name} is kept in the store's tables and not loaded: await runner.loadState() first, or read it with KeptReadModel`,
      );
    }
    return this.#current.state;
  }

  /** Loads a kept read model's rows (once), and returns the state. */
  async loadState(): Promise<State> {
    if (!this.#started) await this.start();
    await this.#ensureLoaded();
    return this.#current.state;
  }

  /** The read model's rows, for queries that load only what they need; undefined when not kept. */
  get kept(): KeptReadModel<State> | undefined {
    return this.#tables === undefined ? undefined : new KeptReadModel(this.#tables, this.projection);
  }

  /** Events this runner has read from the store (folded or skipped by type) since it was made. */
  get eventsRead(): number {
    return this.#eventsRead;
  }

  /** The position of the last event folded in. */
  get position(): number {
    return this.#current.position;
  }

  /** Loads the checkpoint (once). Returns whether the saved read model was usable. */
  async start(): Promise<'resumed' | 'fresh' | 'rebuilt'> {
    this.#started = true;
    if (this.#tables !== undefined) return this.#startKept(this.#tables);
    const saved = await this.#checkpoints?.loadCheckpoint(this.projection.name);
    if (saved === undefined) return 'fresh';
    this.#saved = { position: saved.position, version: saved.version };
    if (saved.version !== this.projection.version || saved.state === undefined) {
      this.#current = { state: this.projection.initialState(), position: 0 };
      return 'rebuilt';
    }
    this.#current = { state: saved.state as State, position: saved.position };
    return 'resumed';
  }

  /** Reads and folds everything written so far, saving the checkpoint as it goes and at the end. */
  async catchUp(): Promise<number> {
    if (!this.#started) await this.start();
    let batch: RecordedEvent[] = [];
    for await (const event of this.#store.readAll({ after: this.#current.position })) {
      if (!this.#loaded) await this.#ensureLoaded();
      this.#eventsRead += 1;
      batch.push(event);
      if (batch.length >= this.#saveEvery) {
        this.#current = foldProjection(this.projection, batch, this.#current);
        batch = [];
        await this.#save();
      }
    }
    this.#current = foldProjection(this.projection, batch, this.#current);
    await this.#save();
    this.#onCaughtUp?.(this.#current.position);
    return this.#current.position;
  }

  /**
   * Catches up, then follows new events until `signal` aborts, saving the checkpoint each time it
   * has caught up. Rejects with `ProjectionFailedError` on a poison event.
   */
  async run(signal?: AbortSignal): Promise<void> {
    if (!this.#started) await this.start();
    const options =
      signal === undefined ? { after: this.#current.position } : { after: this.#current.position, signal };
    for await (const message of this.#store.follow(options)) {
      if (message.kind === 'event') {
        if (!this.#loaded) await this.#ensureLoaded();
        this.#eventsRead += 1;
        this.#current = foldProjection(this.projection, [message.event], this.#current);
        continue;
      }
      await this.#save();
      this.#onCaughtUp?.(this.#current.position);
      if (signal?.aborted) break;
    }
  }

  /** Forgets the read model and its checkpoint, and folds the whole history again. */
  async rebuild(): Promise<number> {
    if (this.#tables !== undefined) {
      // Kept rows are replaced by the rebuild's first save, in one transaction with the checkpoint:
      // readers see the old read model until the new one is written.
      if (!this.#started) await this.start();
      this.#fromScratch();
      return this.catchUp();
    }
    await this.#checkpoints?.deleteCheckpoint(this.projection.name);
    this.#saved = null;
    this.#started = true;
    this.#current = { state: this.projection.initialState(), position: 0 };
    return this.catchUp();
  }

  async #startKept(tables: ReadModelTables): Promise<'resumed' | 'fresh' | 'rebuilt'> {
    const saved = await tables.status(this.projection.name);
    if (saved === undefined) {
      this.#fromScratch();
      return 'fresh';
    }
    this.#saved = { position: saved.position, version: saved.version };
    if (saved.version !== this.projection.version) {
      this.#fromScratch();
      return 'rebuilt';
    }
    this.#current = { state: this.projection.initialState(), position: saved.position };
    this.#loaded = false;
    this.#reset = false;
    return 'resumed';
  }

  /** Starts from nothing; the next save replaces whatever rows the tables hold. */
  #fromScratch(): void {
    const initial = this.projection.initialState();
    trackChanges(initial as KeptState);
    this.#current = { state: initial, position: 0 };
    this.#loaded = true;
    this.#reset = true;
  }

  async #ensureLoaded(): Promise<void> {
    if (this.#loaded || this.#tables === undefined) return;
    const state = await new KeptReadModel(this.#tables, this.projection).loadState();
    trackChanges(state as KeptState);
    this.#current = { state, position: this.#current.position };
    this.#loaded = true;
  }

  async #save(): Promise<void> {
    if (this.#tables !== undefined) return this.#saveKept(this.#tables);
    if (this.#checkpoints === undefined) return;
    const { position } = this.#current;
    const { version } = this.projection;
    if (this.#saved?.position === position && this.#saved.version === version) return;
    await this.#checkpoints.saveCheckpoint(this.projection.name, position, {
      version,
      expected: this.#saved?.position ?? null,
      state: this.#current.state,
    });
    this.#saved = { position, version };
  }

  async #saveKept(tables: ReadModelTables): Promise<void> {
    const { position } = this.#current;
    const { version } = this.projection;
    const unchanged = this.#saved?.position === position && this.#saved.version === version;
    if (unchanged && !this.#reset) return;
    const { writes, deletes } = this.#loaded
      ? changedRows(this.#current.state as KeptState)
      : { writes: [], deletes: [] };
    await tables.commit(this.projection.name, {
      version,
      expected: this.#saved?.position ?? null,
      position,
      reset: this.#reset,
      writes,
      deletes,
    });
    this.#saved = { position, version };
    this.#reset = false;
  }
}
