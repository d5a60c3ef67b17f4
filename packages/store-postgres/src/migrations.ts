import { LedgerError } from '@order-ledger/core';
import { snapshotTableSql } from './snapshots';

/** Quotes an identifier for SQL: the schema name is the only identifier we interpolate. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The schema, one migration per version, each run in its own transaction under an advisory lock
 * so two processes starting together do not both migrate. `{s}` stands for the quoted schema.
 * Never edit a migration that has shipped: add the next one.
 */
const version1 = `
      CREATE TABLE {s}.events (
        position       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id      text        NOT NULL,
        revision       integer     NOT NULL,
        event_id       text        NOT NULL UNIQUE,
        type           text        NOT NULL,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL,
        schema_version integer     NOT NULL,
        recorded_at    timestamptz NOT NULL,
        UNIQUE (stream_id, revision)
      );

      CREATE TABLE {s}.projection_checkpoints (
        name       text        PRIMARY KEY,
        position   bigint      NOT NULL,
        version    integer     NOT NULL,
        state      jsonb,
        updated_at timestamptz NOT NULL
      );

      -- One append, for one or more streams, in one round trip and one transaction.
      --
      -- Every append takes the same transaction-level advisory lock first, so appends commit one
      -- after another and positions become visible in the order they were given: a reader can
      -- never see position n+1 while n is still uncommitted (the "late commit" gap). Positions
      -- burned by a rolled-back append stay as holes, which readers step over safely.
      --
      -- Nothing is written unless every stream passes: outcome 'conflict' (with the actual
      -- revision) for any stream means no row was inserted for any stream. An append whose ids
      -- were all written before, in order, by this very append is a retry and answers as then;
      -- an id reused any other way trips the UNIQUE index, and the caller names it.
      CREATE FUNCTION {s}.append_events(
        p_stream_ids text[], p_expected text[], p_counts integer[],
        p_event_ids text[], p_types text[], p_data jsonb[], p_metadata jsonb[], p_versions integer[],
        p_recorded_at timestamptz[], p_lock_key bigint
      ) RETURNS TABLE (stream_id text, outcome text, revision integer, last_position bigint)
      LANGUAGE plpgsql AS $fn$
      #variable_conflict use_column
      DECLARE
        streams   integer := coalesce(array_length(p_stream_ids, 1), 0);
        currents  integer[] := array_fill(-1, ARRAY[greatest(streams, 1)]);
        outcomes  text[]    := array_fill('append'::text, ARRAY[greatest(streams, 1)]);
        revisions integer[] := array_fill(-1, ARRAY[greatest(streams, 1)]);
        positions bigint[]  := array_fill(0::bigint, ARRAY[greatest(streams, 1)]);
        refused   boolean := false;
        i integer; lo integer; n integer; cur integer; matched integer; last_pos bigint;
        first_row record; expected text; holds boolean;
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock_key);
        lo := 0;
        FOR i IN 1 .. streams LOOP
          n := p_counts[i];
          SELECT max(e.revision) INTO cur FROM {s}.events e WHERE e.stream_id = p_stream_ids[i];
          cur := coalesce(cur, -1);
          currents[i] := cur;
          expected := p_expected[i];
          holds := CASE expected
                     WHEN 'any' THEN true
                     WHEN 'no_stream' THEN cur = -1
                     WHEN 'stream_exists' THEN cur <> -1
                     ELSE expected::integer = cur
                   END;
          IF NOT holds THEN
            -- Off the happy path only: is this a retry of an append that already succeeded?
            SELECT e.stream_id, e.revision INTO first_row FROM {s}.events e WHERE e.event_id = p_event_ids[lo + 1];
            IF FOUND THEN
              SELECT count(*) INTO matched
                FROM unnest(p_event_ids[lo + 1 : lo + n]) WITH ORDINALITY AS x(id, ord)
                JOIN {s}.events e ON e.event_id = x.id
               WHERE e.stream_id = p_stream_ids[i] AND e.revision = first_row.revision + x.ord - 1;
            END IF;
            IF FOUND AND matched = n AND first_row.stream_id = p_stream_ids[i] THEN
              outcomes[i] := 'retry';
              revisions[i] := first_row.revision + n - 1;
              SELECT e.position INTO last_pos FROM {s}.events e WHERE e.event_id = p_event_ids[lo + n];
              positions[i] := last_pos;
            ELSE
              outcomes[i] := 'conflict';
              refused := true;
            END IF;
          END IF;
          lo := lo + n;
        END LOOP;

        IF NOT refused THEN
          lo := 0;
          FOR i IN 1 .. streams LOOP
            n := p_counts[i];
            IF outcomes[i] = 'append' AND n = 1 THEN
              -- The common case, one event: a plain INSERT is cheaper than unnesting arrays.
              INSERT INTO {s}.events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
              VALUES (p_stream_ids[i], currents[i] + 1, p_event_ids[lo + 1], p_types[lo + 1], p_data[lo + 1],
                      p_metadata[lo + 1], p_versions[lo + 1], p_recorded_at[lo + 1])
              RETURNING position INTO last_pos;
              revisions[i] := currents[i] + 1;
              positions[i] := last_pos;
            ELSIF outcomes[i] = 'append' THEN
              WITH inserted AS (
                INSERT INTO {s}.events (stream_id, revision, event_id, type, data, metadata, schema_version, recorded_at)
                SELECT p_stream_ids[i], currents[i] + x.ord, x.id, x.type, x.data, x.metadata, x.version, x.recorded_at
                  FROM unnest(p_event_ids[lo + 1 : lo + n], p_types[lo + 1 : lo + n], p_data[lo + 1 : lo + n],
                              p_metadata[lo + 1 : lo + n], p_versions[lo + 1 : lo + n], p_recorded_at[lo + 1 : lo + n])
                       WITH ORDINALITY AS x(id, type, data, metadata, version, recorded_at, ord)
                RETURNING position
              )
              SELECT max(position) INTO last_pos FROM inserted;
              revisions[i] := currents[i] + n;
              positions[i] := last_pos;
            END IF;
            lo := lo + n;
          END LOOP;
        END IF;

        FOR i IN 1 .. streams LOOP
          stream_id := p_stream_ids[i];
          outcome := outcomes[i];
          revision := CASE WHEN outcomes[i] IN ('conflict', 'duplicate') THEN currents[i] ELSE revisions[i] END;
          last_position := positions[i];
          RETURN NEXT;
        END LOOP;
      END
      $fn$;
    `;

/**
 * Version 2 replaces append_events with one that refuses a half retry: an append whose parts for
 * some streams were written before (found only when their expected revision no longer holds) and
 * whose other parts are new is not a retry. Version 1 took the written parts as retried and
 * inserted the new ones, so a command run twice at once could commit its stock twice beside one
 * order. Now those parts are conflicts and nothing is written; the caller re-reads and sees its
 * own first run. The function is version 1's with that one check added after the first loop.
 */
const functionStart = version1.indexOf('CREATE FUNCTION {s}.append_events(');
const firstLoopEnd = version1.indexOf('        IF NOT refused THEN');
const version2 =
  version1.slice(functionStart, firstLoopEnd).replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION') +
  `        IF 'retry' = ANY(outcomes[1:streams]) AND 'append' = ANY(outcomes[1:streams]) THEN
          FOR i IN 1 .. streams LOOP
            IF outcomes[i] = 'retry' THEN
              outcomes[i] := 'conflict';
            END IF;
          END LOOP;
          refused := true;
        END IF;

` +
  version1.slice(firstLoopEnd);

/**
 * Version 3 adds read models kept row by row (ReadModelTables): one row per key of each
 * collection, its value as jsonb (queryable from SQL), and up to three index values a query
 * selects rows by. Their checkpoints stay in projection_checkpoints, written in the same
 * transaction as the rows.
 */
const version3 = `
      CREATE TABLE {s}.read_model_rows (
        model      text  NOT NULL,
        collection text  NOT NULL,
        key        text  NOT NULL,
        value      jsonb NOT NULL,
        index0     text,
        index1     text,
        index2     text,
        PRIMARY KEY (model, collection, key)
      );
      CREATE INDEX read_model_rows_index0 ON {s}.read_model_rows (model, collection, index0) WHERE index0 IS NOT NULL;
      CREATE INDEX read_model_rows_index1 ON {s}.read_model_rows (model, collection, index1) WHERE index1 IS NOT NULL;
      CREATE INDEX read_model_rows_index2 ON {s}.read_model_rows (model, collection, index2) WHERE index2 IS NOT NULL;
    `;

export const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  { version: 1, sql: version1 },
  { version: 2, sql: version2 },
  { version: 3, sql: version3 },
  // Fold snapshots: a SKU's stock loads from its snapshot and the events after it.
  { version: 4, sql: snapshotTableSql },
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

/**
 * The schema was written by a newer order-ledger than this one: using it could corrupt it.
 * @remedy Upgrade @order-ledger/store-postgres to the version that wrote the schema (or newer).
 */
export class SchemaTooNewError extends LedgerError {
  readonly code = 'SCHEMA_TOO_NEW' as const;

  constructor(schema: string, found: number, known: number) {
    super(
      `schema ${schema} is at version ${found}, but this @order-ledger/store-postgres reads up to ${known}: upgrade the package`,
    );
  }
}
