/**
 * The limits every store enforces on what it is given, the same way (docs/stores.md). Without
 * them each database drew its own line: SQLite took a 10 MB stream id, PostgreSQL failed on it
 * with a raw index error. Lengths are in UTF-16 code units (`string.length`).
 */
export const inputLimits = {
  /**
   * A stream id. The ledger's are `order-` or `stock-` and an id the catalogue caps at 200, so
   * 256 leaves room for other prefixes; PostgreSQL's index on it stays far below its row limit.
   */
  streamIdLength: 256,
  /**
   * An event id. The ledger derives them as `command id:stream id:index` (at most
   * 200 + 1 + 256 + 1 + 16 characters), so 512 fits every one it makes.
   */
  eventIdLength: 512,
  /** The ids metadata names (`commandId`, `correlationId`, `causationId`, `actor`). */
  metadataIdLength: 200,
  /** An event's metadata, serialised as JSON, in UTF-8 bytes. */
  metadataBytes: 64 * 1024,
} as const;
