import type { EventCatalogue } from '../catalogue/event-catalogue';
import { type EventLocation, UnknownEventTypeError } from '../catalogue/event-validation-error';
import type { LedgerEvent } from '../catalogue/ledger-catalogue';

/**
 * How much a store's read trusts what it stored:
 * - `type` (the stores' default): the type must be one the catalogue knows; the data is trusted,
 *   since every append was validated before it was written;
 * - `full`: every event is parsed by the catalogue as well, for databases and files that other
 *   programs write to.
 */
export type ReadValidation = 'type' | 'full';

/**
 * The data of an event read back from storage, checked as `validation` says. An event written at
 * an older schema version is always parsed, so its upcasters run. Errors name the stream and
 * revision (and the file and line, for a file). Takes plain values rather than a location object:
 * it runs once per event of every replay, and builds a location only when something is wrong.
 */
export function storedEventData(
  catalogue: EventCatalogue<LedgerEvent>,
  validation: ReadValidation,
  type: string,
  data: unknown,
  schemaVersion: number,
  streamId: string,
  revision: number,
  file?: { readonly file: string; readonly line: number },
): unknown {
  const where = (): EventLocation => (file === undefined ? { streamId, revision } : { ...file, streamId, revision });
  if (!catalogue.knows(type)) throw new UnknownEventTypeError(type, where());
  if (validation === 'type' && schemaVersion === catalogue.versionOf(type)) return data;
  return catalogue.parse({ type, data, schemaVersion }, where()).data;
}
