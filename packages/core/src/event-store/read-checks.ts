import { streamIdFault } from './append-checks';
import { InvalidReadError } from './errors';
import { shownInput } from './shown-input';
import type { ReadStreamOptions } from './types';

/**
 * Refuses a stream read no store could answer the same way: a stream id no append could have
 * written (blank, too long, holding U+0000, on which PostgreSQL failed with a driver error and
 * SQLite answered empty), or a revision or count that is not a whole number from 0 (SQLite took
 * `maxCount: -1` as "no limit", PostgreSQL refused it). Every store calls it first.
 */
export function assertReadStream(streamId: string, options: ReadStreamOptions = {}): void {
  const where = `read stream ${shownInput(streamId)}`;
  const fault = streamIdFault(streamId);
  if (fault !== undefined) {
    throw new InvalidReadError(
      `${where}: streamId ${fault}`,
      'streamId',
      typeof streamId === 'string' ? streamId : undefined,
    );
  }
  for (const field of ['fromRevision', 'maxCount'] as const) {
    const value: unknown = options[field];
    if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
      throw new InvalidReadError(
        `${where}: ${field} ${shownInput(typeof value === 'string' ? value : String(value))} is not a whole number from 0`,
        field,
        streamId,
      );
    }
  }
}
