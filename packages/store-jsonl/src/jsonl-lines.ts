import { createReadStream } from 'node:fs';

/**
 * The lines of a file, numbered from 1, read in large chunks: a history of millions of events is
 * never held in memory whole. Blank lines are skipped (a trailing newline is not an event).
 */
export async function* readLines(file: string, chunkBytes = 1 << 20): AsyncGenerator<{ line: number; text: string }> {
  let rest = '';
  let line = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      line += 1;
      if (end > start) yield { line, text: text.slice(start, end) };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield { line: line + 1, text: rest };
}
