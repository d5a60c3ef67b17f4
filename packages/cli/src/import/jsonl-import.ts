import { type EventMetadata, EventValidationError, type ImportEntry } from '@order-ledger/core';
import { envelopeProblems, hasEnvelope, parseLineJson, readLineBatches } from '@order-ledger/store-jsonl';
import type { RowSource } from './row-error';

/**
 * An exported history, read a chunk of the file at a time (never held whole): each line becomes
 * an event to import at the stream and revision it names, with its own id, metadata and recorded
 * time, so importing the same file twice adds nothing. Only the envelope is read here; the store
 * checks every event as it checks an append. `onChunk` hears how many characters each chunk held.
 */
export async function* readJsonlEntries(
  file: string,
  onChunk?: (characters: number) => void,
): AsyncGenerator<ImportEntry<RowSource>[]> {
  for await (const lines of readLineBatches(file)) {
    const batch: ImportEntry<RowSource>[] = [];
    let characters = 0;
    for (const { line, text } of lines) {
      batch.push(entryOf(file, line, text));
      characters += text.length + 1;
    }
    yield batch;
    onChunk?.(characters);
  }
}

function entryOf(file: string, line: number, text: string): ImportEntry<RowSource> {
  const source = { line };
  try {
    const raw = parseLineJson(text, { file, line });
    const type = typeof raw.type === 'string' ? raw.type : '(no type)';
    if (!hasEnvelope(raw)) throw new EventValidationError(type, envelopeProblems(raw), { file, line });
    return {
      streamId: raw.streamId as string,
      revision: raw.revision as number,
      eventId: raw.eventId as string,
      type,
      data: raw.data,
      schemaVersion: typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 1,
      // As written: the store refuses what an append would refuse.
      metadata: raw.metadata as EventMetadata | undefined,
      recordedAt: raw.recordedAt as string | undefined,
      source,
    };
  } catch (error) {
    // Its stream, if that much can be read, so the stream's later events are left out with it.
    const streamId = /"streamId"\s*:\s*"([^"]+)"/.exec(text)?.[1];
    return {
      unreadable: (error as Error).message.replace(`${file}:${line}`, `line ${line}`),
      ...(streamId === undefined ? {} : { streamId }),
      source,
    };
  }
}
