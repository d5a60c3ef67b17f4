import { createHash } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fixed namespace for our name-based ids: any value works, as long as it never changes. */
const namespace = Buffer.from('6f72646572206c6564676572206964', 'hex');

/**
 * EventStoreDB takes only UUIDs as event ids, and recognises a retried append by them. Our ids
 * are any string (the ledger's are `command:stream:index`), so each becomes a name-based UUID
 * (version 5 layout, SHA-1 of a fixed namespace and the id): the same id always gives the same
 * UUID, so a retried append carries the ids the server has already seen. An id that is already a
 * UUID is kept as it is.
 */
export function esdbEventId(eventId: string): string {
  if (uuidPattern.test(eventId)) return eventId.toLowerCase();
  const hash = createHash('sha1').update(namespace).update(eventId, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
