import { LedgerError } from '@order-ledger/core';

/** PostgreSQL keeps the first 63 bytes of an identifier (NAMEDATALEN - 1) and drops the rest. */
export const maxSchemaNameBytes = 63;

/**
 * A schema name PostgreSQL would not keep as given: empty, holding U+0000, or longer than 63 bytes.
 * @remedy Choose a shorter schema name without NUL (`?schema=` in the CLI's store URL).
 */
export class InvalidSchemaNameError extends LedgerError {
  readonly code = 'SCHEMA_NAME_INVALID' as const;
  readonly schema: string;

  constructor(schema: string, reason: string) {
    super(`schema name ${JSON.stringify(schema.length > 80 ? `${schema.slice(0, 80)}…` : schema)} ${reason}`);
    this.schema = schema;
  }
}

/**
 * Refuses a schema name PostgreSQL would change. A longer name is silently cut to 63 bytes, so
 * two names sharing their first 63 bytes would share one schema while taking different append
 * locks (the key is derived from the name as given): their appends would no longer be serialised.
 */
export function assertSchemaName(schema: string): void {
  if (typeof schema !== 'string' || schema === '') throw new InvalidSchemaNameError(String(schema), 'is empty');
  if (schema.includes('\u0000')) throw new InvalidSchemaNameError(schema, 'holds the NUL character (U+0000)');
  const bytes = new TextEncoder().encode(schema).byteLength;
  if (bytes > maxSchemaNameBytes) {
    throw new InvalidSchemaNameError(
      schema,
      `is ${bytes} bytes long: PostgreSQL keeps only the first ${maxSchemaNameBytes}, so it would open another schema`,
    );
  }
}
