import {
  CheckpointConflictError,
  type EventStore,
  KeptReadModel,
  type Projection,
  ProjectionRunner,
  type ReadModelTables,
} from '@order-ledger/core';

/** A read model as a request reads it, and the position in the history it stands at. */
export interface FreshReadModel<State> {
  readonly kept: KeptReadModel<State>;
  readonly position: number;
}

/**
 * The kept read models, brought far enough for a read. A read says what it must see (`after`,
 * the newest position its client wrote or read): if the rows in the store's tables are already
 * past it they are read as they are; otherwise (or when the client says nothing) the read model
 * is caught up first, folding only what is new and saving the rows that changed.
 *
 * One runner per read model, kept between requests, so only new events are folded. Catch-ups of
 * one read model are serialised in this process; another process saving it meanwhile makes a
 * save fail with `CheckpointConflictError`, and the catch-up starts again from what that
 * process saved.
 */
export class FreshReadModels {
  readonly #store: EventStore;
  readonly #tables: ReadModelTables;
  readonly #runners = new Map<string, ProjectionRunner<unknown>>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(store: EventStore) {
    if (store.readModels === undefined) {
      throw new TypeError('the shop API reads read models kept in the store: open a SQLite or PostgreSQL store');
    }
    this.#store = store;
    this.#tables = store.readModels;
  }

  async read<State>(projection: Projection<State>, after: number | undefined): Promise<FreshReadModel<State>> {
    const kept = new KeptReadModel(this.#tables, projection);
    if (after !== undefined) {
      const status = await kept.status();
      if (status !== undefined && status.version === projection.version && status.position >= after) {
        return { kept, position: status.position };
      }
    }
    return { kept, position: await this.#serialised(projection) };
  }

  /** One catch-up of a read model at a time; a failed one does not block the next. */
  #serialised<State>(projection: Projection<State>): Promise<number> {
    const before = this.#queues.get(projection.name) ?? Promise.resolve();
    const next = before.then(() => this.#catchUp(projection));
    this.#queues.set(
      projection.name,
      next.catch(() => undefined),
    );
    return next;
  }

  async #catchUp<State>(projection: Projection<State>): Promise<number> {
    for (let attempt = 1; ; attempt += 1) {
      const runner =
        (this.#runners.get(projection.name) as ProjectionRunner<State> | undefined) ??
        new ProjectionRunner(this.#store, projection);
      this.#runners.set(projection.name, runner as ProjectionRunner<unknown>);
      try {
        return await runner.catchUp();
      } catch (error) {
        // The runner's state is behind what another process saved: start again from the tables.
        this.#runners.delete(projection.name);
        if (!(error instanceof CheckpointConflictError) || attempt >= 5) throw error;
      }
    }
  }
}
