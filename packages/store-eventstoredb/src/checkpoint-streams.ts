import {
  assertCheckpointExpected,
  CheckpointConflictError,
  type CheckpointStore,
  type GlobalPosition,
  type ProjectionCheckpoint,
  type SaveCheckpointOptions,
} from '@order-ledger/core';
import type { EsdbDriver } from './driver';
import { EsdbDriverError } from './driver';

/** The event a checkpoint stream holds: the last one is the checkpoint. */
interface CheckpointEvent {
  readonly position: GlobalPosition | null;
  readonly version: number;
  readonly state?: unknown;
}

const savedType = 'ProjectionCheckpointSaved';
const deletedType = 'ProjectionCheckpointDeleted';

/**
 * Projection checkpoints kept in EventStoreDB itself: one stream per projection
 * (`<prefix><name>`), whose metadata sets `$maxCount: 1` so the server keeps only the latest.
 * A save is a compare-and-set twice over: the position the caller loaded must still be there, and
 * the append expects the checkpoint stream's revision as read, so two runners cannot both win.
 * A read model kept beside the checkpoint (`state`) travels in the same event, so both land
 * together; it must fit in one event (EventStoreDB refuses appends over its max append size,
 * 1 MiB by default).
 */
export function checkpointStreams(driver: EsdbDriver, prefix: string): CheckpointStore {
  const streamOf = (name: string): string => `${prefix}${name}`;

  const loadLast = async (
    name: string,
  ): Promise<{ checkpoint: ProjectionCheckpoint | undefined; revision: bigint | undefined }> => {
    const events = await driver.readStream(streamOf(name), { fromRevision: 'end', maxCount: 1, backwards: true });
    const last = events === 'not-found' ? undefined : events[0];
    if (last === undefined) return { checkpoint: undefined, revision: undefined };
    const saved = last.data as CheckpointEvent;
    if (last.type === deletedType || saved.position === null) return { checkpoint: undefined, revision: last.revision };
    const checkpoint = { name, position: saved.position, version: saved.version };
    return {
      checkpoint: saved.state === undefined ? checkpoint : { ...checkpoint, state: saved.state },
      revision: last.revision,
    };
  };

  const write = async (
    name: string,
    type: string,
    data: CheckpointEvent,
    revision: bigint | undefined,
  ): Promise<void> => {
    const stream = streamOf(name);
    const id = globalThis.crypto.randomUUID();
    await driver.append(stream, [{ id, type, data, metadata: {} }], revision ?? 'no_stream');
    if (revision === undefined) await driver.setStreamMetadata(stream, { maxCount: 1 });
  };

  return {
    loadCheckpoint: async (name) => (await loadLast(name)).checkpoint,
    saveCheckpoint: async (name: string, position: GlobalPosition, options: SaveCheckpointOptions) => {
      const { checkpoint, revision } = await loadLast(name);
      assertCheckpointExpected(name, options, checkpoint?.position);
      const data: CheckpointEvent =
        options.state === undefined
          ? { position, version: options.version }
          : { position, version: options.version, state: options.state };
      try {
        await write(name, savedType, data, revision);
      } catch (error) {
        if (!(error instanceof EsdbDriverError && error.kind === 'wrong-expected-version')) throw error;
        const now = (await loadLast(name)).checkpoint?.position ?? null;
        throw new CheckpointConflictError(name, options.expected ?? checkpoint?.position ?? null, now);
      }
    },
    deleteCheckpoint: async (name) => {
      const { checkpoint, revision } = await loadLast(name);
      if (checkpoint === undefined) return;
      await write(name, deletedType, { position: null, version: checkpoint.version }, revision);
    },
  };
}
