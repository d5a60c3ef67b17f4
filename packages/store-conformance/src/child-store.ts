import type { EventStore } from '@order-ledger/core';

/** A value that survives JSON on its way to another process. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * How a child process opens "the same store" as one the harness created: a module to import, a
 * function it exports, and the JSON arguments to call it with. A child cannot be handed the store
 * object itself, only a recipe, so the recipe names the function a program of yours would call.
 *
 * ```ts
 * openInChild: (store) => ({
 *   module: new URL('./sqlite-event-store.ts', import.meta.url).href,
 *   export: 'SqliteEventStore.open',
 *   args: [store.file],
 * })
 * ```
 */
export interface ChildStoreRecipe {
  /** What the child imports: an absolute file URL or path, or a package name it can resolve. */
  readonly module: string;
  /** An exported function, or a static method as `Class.method` (called on its class). */
  readonly export: string;
  /** Its arguments. */
  readonly args: readonly JsonValue[];
  /**
   * Node flags for the child. Default: tsx and the `@order-ledger/source` condition, so that a
   * TypeScript module and the workspace's sources load as they do in the tests.
   */
  readonly nodeArgs?: readonly string[];
}

export const defaultChildNodeArgs: readonly string[] = ['--import', 'tsx', '--conditions=@order-ledger/source'];

function isEventStore(value: unknown): value is EventStore {
  return (
    typeof value === 'object' &&
    value !== null &&
    'appendToStreams' in value &&
    'readStream' in value &&
    'close' in value &&
    'capabilities' in value
  );
}

/** In the child: imports the recipe's module and calls its function. */
export async function openChildStore(recipe: ChildStoreRecipe): Promise<EventStore> {
  const loaded: unknown = await import(recipe.module);
  const [name, method, ...rest] = recipe.export.split('.');
  if (name === undefined || rest.length > 0) throw new Error(`cannot read export "${recipe.export}"`);
  const owner: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, name) : undefined;
  const open: unknown =
    method === undefined ? owner : typeof owner === 'function' ? Reflect.get(owner, method) : undefined;
  if (typeof open !== 'function') throw new Error(`${recipe.module} exports no function "${recipe.export}"`);
  const store: unknown = await Reflect.apply(open, method === undefined ? undefined : owner, [...recipe.args]);
  if (!isEventStore(store)) throw new Error(`${recipe.export}(…) did not give an event store`);
  return store;
}
