import { createReadStream } from 'node:fs';

export interface NumberedLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly text: string;
}

/**
 * The lines of a file, numbered from 1, a chunk's worth at a time: a history of millions of events
 * is never held in memory whole, and a replay pays one asynchronous step per chunk rather than per
 * line. Blank lines are skipped (a trailing newline is not an event).
 */
export async function* readLineBatches(file: string, chunkBytes = 1 << 20): AsyncGenerator<NumberedLine[]> {
  let rest = '';
  let line = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes })) {
    const text = rest + (chunk as string);
    const batch: NumberedLine[] = [];
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      line += 1;
      if (end > start) batch.push({ line, text: text.slice(start, end) });
      start = end + 1;
    }
    rest = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (rest.length > 0) yield [{ line: line + 1, text: rest }];
}

/** The lines of a file one by one (see `readLineBatches`). */
export async function* readLines(file: string): AsyncGenerator<NumberedLine> {
  for await (const batch of readLineBatches(file)) yield* batch;
}
