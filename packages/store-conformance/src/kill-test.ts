import { spawn } from 'node:child_process';
import { type EventStore, InMemoryEventStore } from '@order-ledger/core';
import { expect } from 'vitest';
import { writerBatch } from './kill-writer';
import { readAllEvents } from './read-helpers';

export interface KillTestOptions {
  /** The command that starts a writer process (which calls `runKillWriter`). */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Kill the writer once this many appends were acknowledged. Default 150. */
  readonly killAfterAcks?: number;
  /** Opens the store the writer wrote, in this process, after the kill. */
  readonly reopen: () => Promise<EventStore>;
}

/**
 * Kills a writer with SIGKILL in the middle of a run of appends, reopens the store, and checks:
 * every acknowledged append is there; no append is half there; and the history reads the same as
 * a store built from the acknowledged appends alone (plus, at most, the one append that committed
 * in the instant before the kill but whose acknowledgement never got out).
 */
export async function killWriterAndCheck(options: KillTestOptions): Promise<{ acknowledged: number; found: number }> {
  const killAfter = options.killAfterAcks ?? 150;
  let acknowledged = -1;
  let errors = '';
  const child = spawn(options.command, options.args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer acknowledged only ${acknowledged + 1} appends in 60 s: ${errors}`));
    }, 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^ack (\d+)$/.exec(line);
        if (match?.[1] !== undefined) acknowledged = Number(match[1]);
      }
      if (acknowledged + 1 >= killAfter && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer exited by itself (code ${code}) after ${acknowledged + 1} acks: ${errors}`));
    });
  });

  const store = await options.reopen();
  try {
    const events = await readAllEvents(store);
    const batches = new Map<number, string[]>();
    for (const event of events) {
      const [, index] = /^kill-(\d+)-\d$/.exec(event.eventId) ?? [];
      if (index === undefined) continue;
      batches.set(Number(index), [...(batches.get(Number(index)) ?? []), event.eventId]);
    }
    // Every acknowledged append is there, whole.
    for (let index = 0; index <= acknowledged; index += 1) {
      expect(batches.get(index), `acknowledged append ${index}`).toEqual(
        writerBatch(index).events.map((e) => e.eventId),
      );
    }
    // Nothing beyond the acknowledged ones, except at most the one in flight, and that one whole.
    const extra = [...batches.keys()].filter((index) => index > acknowledged);
    expect(extra.length).toBeLessThanOrEqual(1);
    for (const index of extra) {
      expect(index).toBe(acknowledged + 1);
      expect(batches.get(index)).toEqual(writerBatch(index).events.map((e) => e.eventId));
    }
    // The history reads the same as a store built from those appends alone.
    const reference = new InMemoryEventStore();
    for (let index = 0; index <= acknowledged + extra.length; index += 1) {
      const { streamId, events: batch } = writerBatch(index);
      await reference.appendToStream(streamId, batch);
    }
    const shape = (list: Awaited<ReturnType<typeof readAllEvents>>) =>
      list.map(({ streamId, revision, eventId, type, data }) => ({ streamId, revision, eventId, type, data }));
    expect(shape(events)).toEqual(shape(await readAllEvents(reference)));
    return { acknowledged: acknowledged + 1, found: batches.size };
  } finally {
    await store.close();
  }
}
