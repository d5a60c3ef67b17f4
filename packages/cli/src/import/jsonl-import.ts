import type { LedgerEvent, RecordedEvent, StreamWrite } from '@order-ledger/core';
import { parseRecordedLine, readLines } from '@order-ledger/store-jsonl';
import type { RowProblem } from './row-error';

export interface JsonlImport {
  /** Events grouped as they will be appended: consecutive events of one stream together. */
  readonly writes: readonly StreamWrite[];
  readonly events: number;
  readonly problems: readonly RowProblem[];
}

/**
 * Reads an exported history and checks every line fully before anything is written. Each stream
 * keeps its revisions: the import appends them at the same revisions, with the same event ids, so
 * importing the same file twice adds nothing. With problems, a stream's events after its first
 * bad line are left out too (their revisions would no longer follow).
 */
export async function readJsonlImport(file: string): Promise<JsonlImport> {
  const problems: RowProblem[] = [];
  const broken = new Set<string>();
  const good: RecordedEvent[] = [];
  for await (const { line, text } of readLines(file)) {
    try {
      const event = parseRecordedLine(text, { file, line }, undefined, true);
      if (broken.has(event.streamId)) {
        problems.push({ line, reason: `left out: an earlier event of ${event.streamId} was bad` });
        continue;
      }
      good.push(event);
    } catch (error) {
      const streamId = /"streamId"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      if (streamId !== undefined) broken.add(streamId);
      problems.push({ line, reason: (error as Error).message.replace(`${file}:${line}`, `line ${line}`) });
    }
  }
  const writes: StreamWrite[] = [];
  for (const event of good) {
    const last = writes.at(-1);
    const next = {
      type: event.type,
      data: event.data,
      eventId: event.eventId,
      metadata: event.metadata,
      recordedAt: event.recordedAt,
    } as StreamWrite['events'][number] & LedgerEvent;
    if (last !== undefined && last.streamId === event.streamId) (last.events as unknown[]).push(next);
    else
      writes.push({
        streamId: event.streamId,
        expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1,
        events: [next],
      });
  }
  return { writes, events: good.length, problems };
}
