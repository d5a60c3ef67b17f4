import type { CheckpointStore } from '../event-store/checkpoints';
import type { EventStore } from '../event-store/event-store';
import type { RecordedEvent } from '../event-store/types';
import { foldProjection } from './fold-projection';
import type { ProjectedState, Projection } from './projection';

export interface ProjectionRunnerOptions {
  /**
   * Where the checkpoint lives. Default: the store's own checkpoints, if it keeps them; `false`
   * keeps nothing (an analyst's one-off replay). The read model is saved with the checkpoint, in
   * the same write, so the two never disagree.
   */
  readonly checkpoints?: CheckpointStore | false;
  /** Save the checkpoint after this many events while catching up. Default 10,000. */
  readonly saveEvery?: number;
  /** Called each time the runner has delivered everything written so far. */
  readonly onCaughtUp?: (position: number) => void;
}

/**
 * Keeps one projection up to date with a store: catches up from its checkpoint, then follows new
 * events, strictly in order and one at a time.
 *
 * - Starting: loads the checkpoint and the saved read model; when the projection's version has
 *   changed since, it starts again from nothing (a rebuild).
 * - Each event at or before the checkpoint is ignored, so at-least-once delivery is harmless.
 * - A poison event stops the runner with `ProjectionFailedError` (stream, revision, position,
 *   cause), and the checkpoint stays at the last good event.
 */
export class ProjectionRunner<State> {
  readonly projection: Projection<State>;
  readonly #store: EventStore;
  readonly #checkpoints: CheckpointStore | undefined;
  readonly #saveEvery: number;
  readonly #onCaughtUp: ((position: number) => void) | undefined;
  #current: ProjectedState<State>;
  /** The checkpoint as last loaded or saved: a save is a compare-and-set against it. */
  #saved: { position: number; version: number } | null = null;
  #started = false;

  constructor(store: EventStore, projection: Projection<State>, options: ProjectionRunnerOptions = {}) {
    this.projection = projection;
    this.#store = store;
    this.#checkpoints = options.checkpoints === false ? undefined : (options.checkpoints ?? store.checkpoints);
    this.#saveEvery = options.saveEvery ?? 10_000;
    this.#onCaughtUp = options.onCaughtUp;
    this.#current = { state: projection.initialState(), position: 0 };
  }

  /** The read model as folded so far. */
  get state(): State {
    return this.#current.state;
  }

  /** The position of the last event folded in. */
  get position(): number {
    return this.#current.position;
  }

  /** Loads the checkpoint (once). Returns whether the saved read model was usable. */
  async start(): Promise<'resumed' | 'fresh' | 'rebuilt'> {
    this.#started = true;
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
    await this.#checkpoints?.deleteCheckpoint(this.projection.name);
    this.#saved = null;
    this.#started = true;
    this.#current = { state: this.projection.initialState(), position: 0 };
    return this.catchUp();
  }

  async #save(): Promise<void> {
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
}
