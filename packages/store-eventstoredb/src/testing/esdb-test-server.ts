/**
 * A protocol-level EventStoreDB test server, in process, for tests that must drive the real
 * `@eventstore/db-client` without a real server (none can run on the machines this project is
 * built on). It is built with `@grpc/grpc-js` on the service definitions and message classes the
 * client package ships, so the client talks to it over real gRPC exactly as it would to a server.
 *
 * What it implements (insecure connections only, one node, no authentication):
 * - `Streams.Read`: a stream forwards or backwards from a revision, start or end, with a count;
 *   `StreamNotFound` for a missing or soft-deleted stream; `stream-deleted` for a tombstoned one;
 *   `$maxCount` and `$tb` from `$$<stream>` metadata honoured;
 * - `Streams.Read` of `$all`: forwards (from a position, inclusive) or backwards (exclusive), with
 *   a count, system events included (as a real server's `$all` has them);
 * - `Streams.Read` as a catch-up subscription to `$all`: confirmation, history after the position
 *   (exclusive), stream-name or event-type filters (prefix or regex) with `Checkpoint` messages
 *   every `32 × checkpointIntervalMultiplier` events considered, `CaughtUp`, then live events;
 * - `Streams.Append` (client streaming) and `Streams.BatchAppend` (bidirectional): every expected
 *   revision case, wrong-expected-version answers, EventStoreDB's idempotence rule for retried
 *   event ids, appends to tombstoned streams refused;
 * - `Streams.Delete` (soft: `$tb` past the last event) and `Streams.Tombstone`;
 * - `ServerFeatures.GetSupportedMethods` (BatchAppend can be left out, so the client's plain
 *   `Append` path is exercised too).
 *
 * And for tests of failure: `restart()` drops every connection and listens again on the same
 * port with the same data; `failNextAppends(n, { afterWrite })` answers appends with UNAVAILABLE,
 * before or after writing them (a lost acknowledgement).
 *
 * What it does not implement: subscriptions to a single stream, `fellBehind`, persistent
 * subscriptions, projections, users, operations, gossip and clusters, TLS, credentials and ACLs,
 * `$maxAge`, max append size, scavenging, link events and `resolveLinkTos`, explicit
 * transactions (commit ≠ prepare). Its speed says nothing about EventStoreDB's.
 */

import type * as FeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type * as FeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb';
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb';
import type { BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import * as grpc from '@grpc/grpc-js';
import { anyPb, featuresGrpc, featuresPb, sharedPb, statusPb, streamsGrpc, streamsPb } from './generated';
import { type AppendOutcome, type Expectation, type LogRecord, type ProposedRecord, TestLog } from './test-log';

export interface EsdbTestServerOptions {
  /** Offer BatchAppend in the server features (the client then appends through it). Default true. */
  readonly batchAppend?: boolean;
}

interface AppendFault {
  remaining: number;
  readonly afterWrite: boolean;
}

const searchWindow = 32;

export class EsdbTestServer {
  readonly log = new TestLog();
  readonly #options: EsdbTestServerOptions;
  #server: grpc.Server | undefined;
  #port = 0;
  #fault: AppendFault | undefined;
  #subscriptionsOpened = 0;
  readonly #requests = new Map<string, number>();
  /** Live subscriptions, so a restart can cut them as a crashed server would. */
  readonly #calls = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>();

  private constructor(options: EsdbTestServerOptions) {
    this.#options = options;
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static async start(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const server = new EsdbTestServer(options);
    await server.#listen(0);
    return server;
  }

  get port(): number {
    return this.#port;
  }

  /** How many subscriptions to `$all` clients have opened since the server started. */
  get subscriptionsOpened(): number {
    return this.#subscriptionsOpened;
  }

  /**
   * Requests served so far, by kind (`read-stream`, `read-all`, `subscribe`, `append`,
   * `batch-append`, `delete`, `tombstone`): round trips a client made, for tests and benchmarks
   * that count them.
   */
  get requests(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.#requests);
  }

  #count(kind: string): void {
    this.#requests.set(kind, (this.#requests.get(kind) ?? 0) + 1);
  }

  /** The connection string the real client takes. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.#port}?tls=false`;
  }

  /** The next `count` appends fail with UNAVAILABLE; with `afterWrite`, after the events were written. */
  failNextAppends(count: number, options: { readonly afterWrite?: boolean } = {}): void {
    this.#fault = { remaining: count, afterWrite: options.afterWrite ?? false };
  }

  /** Drops every connection (as a crashed server would), then listens again on the same port. */
  async restart(options: { readonly downForMs?: number } = {}): Promise<void> {
    await this.#shutdown();
    await new Promise((resolve) => setTimeout(resolve, options.downForMs ?? 0));
    await this.#listen(this.#port);
  }

  async stop(): Promise<void> {
    await this.#shutdown();
  }

  async #listen(port: number): Promise<void> {
    const server = new grpc.Server();
    server.addService(streamsGrpc.StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.#read(call),
      append: (call: grpc.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>, callback) =>
        this.#append(call, callback),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.#batchAppend(call),
      delete: (call, callback) => this.#delete(call.request, callback),
      tombstone: (call, callback) => this.#tombstone(call.request, callback),
    } satisfies StreamsGrpc.IStreamsServer);
    server.addService(featuresGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call, callback) => callback(null, this.#supportedMethods()),
    } satisfies FeaturesGrpc.IServerFeaturesServer);
    this.#port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.#server = server;
  }

  async #shutdown(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    // Cut live subscriptions first, as a crashed server would, then every connection.
    for (const call of this.#calls) fail(call, unavailable());
    this.#calls.clear();
    server?.forceShutdown();
  }

  #supportedMethods(): FeaturesPb.SupportedMethods {
    const methods = new featuresPb.SupportedMethods();
    methods.setEventStoreServerVersion('24.10.0-order-ledger-test-server');
    const names = ['read', 'append', 'delete', 'tombstone'];
    if (this.#options.batchAppend ?? true) names.push('batchappend');
    for (const name of names) {
      const method = new featuresPb.SupportedMethod();
      method.setServiceName('event_store.client.streams.streams');
      method.setMethodName(name);
      methods.addMethods(method);
    }
    return methods;
  }

  // ── Read ──────────────────────────────────────────────────────────────────────────────────

  #read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (options === undefined) {
      fail(call, invalidArgument('read without options'));
      return;
    }
    const count = options.hasCount() ? Number(options.getCount()) : Number.POSITIVE_INFINITY;
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    if (options.hasStream()) {
      if (options.hasSubscription()) {
        fail(call, unimplemented('subscriptions to one stream'));
        return;
      }
      this.#count('read-stream');
      this.#readStream(call, options.getStream() as StreamsPb.ReadReq.Options.StreamOptions, count, backwards);
      return;
    }
    const all = options.getAll();
    if (all === undefined) {
      fail(call, invalidArgument('read of neither a stream nor $all'));
      return;
    }
    if (options.hasSubscription()) {
      this.#count('subscribe');
      this.#subscribeToAll(call, all, options.getFilter());
      return;
    }
    this.#count('read-all');
    this.#readAll(call, all, count, backwards);
  }

  #readStream(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: StreamsPb.ReadReq.Options.StreamOptions,
    count: number,
    backwards: boolean,
  ): void {
    const streamId = streamNameOf(options.getStreamIdentifier());
    if (this.log.isTombstoned(streamId)) {
      fail(call, streamDeleted(streamId));
      return;
    }
    const visible = this.log.visible(streamId);
    if (visible === undefined) {
      const response = new streamsPb.ReadResp();
      const notFound = new streamsPb.ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamIdentifier(streamId));
      response.setStreamNotFound(notFound);
      call.write(response);
      call.end();
      return;
    }
    let records = backwards ? [...visible].reverse() : visible;
    if (options.hasRevision()) {
      const from = BigInt(options.getRevision());
      records = records.filter((record) => (backwards ? record.revision <= from : record.revision >= from));
    } else if (options.hasEnd()) {
      records = backwards ? records : [];
    }
    for (const record of records.slice(0, count)) call.write(eventResponse(record));
    call.end();
  }

  #readAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: StreamsPb.ReadReq.Options.AllOptions,
    count: number,
    backwards: boolean,
  ): void {
    let records: readonly LogRecord[] = backwards ? [...this.log.records].reverse() : this.log.records;
    const from = options.getPosition();
    if (from !== undefined) {
      const position = BigInt(from.getCommitPosition());
      records = records.filter((record) => (backwards ? record.position < position : record.position >= position));
    } else if (options.hasEnd()) {
      records = backwards ? records : [];
    }
    for (const record of records.slice(0, count)) call.write(eventResponse(record));
    call.end();
  }

  #subscribeToAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: StreamsPb.ReadReq.Options.AllOptions,
    filterOptions: StreamsPb.ReadReq.Options.FilterOptions | undefined,
  ): void {
    this.#subscriptionsOpened += 1;
    const matches = filterOf(filterOptions);
    const checkpointEvery =
      filterOptions === undefined
        ? Number.POSITIVE_INFINITY
        : searchWindow * filterOptions.getCheckpointintervalmultiplier();
    let considered = 0;
    const deliver = (record: LogRecord): void => {
      considered += 1;
      if (matches(record)) call.write(eventResponse(record));
      if (considered >= checkpointEvery) {
        considered = 0;
        call.write(checkpointResponse(record.position));
      }
    };

    const confirmation = new streamsPb.ReadResp();
    const confirmed = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmed.setSubscriptionId(globalThis.crypto.randomUUID());
    confirmation.setConfirmation(confirmed);
    call.write(confirmation);

    // Live events are buffered from the start so that none falls between history and live.
    const live: LogRecord[] = [];
    let caughtUp = false;
    const onAppend = (records: readonly LogRecord[]): void => {
      if (caughtUp) for (const record of records) deliver(record);
      else live.push(...records);
    };
    this.log.appended.on('append', onAppend);
    this.#calls.add(call);
    const stop = (): void => {
      this.log.appended.off('append', onAppend);
      this.#calls.delete(call);
    };
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);

    const start = options.getPosition();
    const history = options.hasEnd()
      ? []
      : start === undefined
        ? [...this.log.records]
        : this.log.records.filter((record) => record.position > BigInt(start.getCommitPosition()));
    const seen = new Set(history);
    for (const record of history) deliver(record);
    for (const record of live) if (!seen.has(record)) deliver(record);
    caughtUp = true;
    const marker = new streamsPb.ReadResp();
    marker.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
    call.write(marker);
  }

  // ── Append ────────────────────────────────────────────────────────────────────────────────

  #append(
    call: grpc.ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>,
    callback: grpc.sendUnaryData<StreamsPb.AppendResp>,
  ): void {
    let header: StreamsPb.AppendReq.Options | undefined;
    const proposed: ProposedRecord[] = [];
    call.on('data', (request: StreamsPb.AppendReq) => {
      if (request.hasOptions()) header = request.getOptions();
      const message = request.getProposedMessage();
      if (message !== undefined) proposed.push(proposedRecord(message));
    });
    call.on('end', () => {
      if (header === undefined) {
        callback(invalidArgument('append without options'));
        return;
      }
      const streamId = streamNameOf(header.getStreamIdentifier());
      const expected = expectationOf(header);
      const fault = this.#takeFault();
      if (fault?.afterWrite === false) {
        callback(unavailable());
        return;
      }
      this.#count('append');
      const outcome = this.log.append(streamId, expected, proposed);
      if (fault?.afterWrite === true) {
        callback(unavailable());
        return;
      }
      if (outcome.kind === 'stream-deleted') {
        callback(streamDeleted(streamId));
        return;
      }
      const response = new streamsPb.AppendResp();
      if (outcome.kind === 'success') {
        const success = new streamsPb.AppendResp.Success();
        success.setCurrentRevision(outcome.revision.toString());
        const position = new streamsPb.AppendResp.Position();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
        if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new sharedPb.Empty());
        else wrong.setCurrentRevision(outcome.current.toString());
        setExpected(wrong, outcome.expected);
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  }

  #batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<
      string,
      { options: StreamsPb.BatchAppendReq.Options | undefined; proposed: ProposedRecord[] }
    >();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId();
      const key = correlation?.getString() ?? '';
      const batch = pending.get(key) ?? { options: undefined, proposed: [] };
      pending.set(key, batch);
      if (request.hasOptions()) batch.options = request.getOptions();
      for (const message of request.getProposedMessagesList()) batch.proposed.push(proposedRecord(message));
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const options = batch.options;
      if (options === undefined) return;
      const streamId = streamNameOf(options.getStreamIdentifier());
      const fault = this.#takeFault();
      if (fault?.afterWrite === false) {
        fail(call, unavailable());
        return;
      }
      this.#count('batch-append');
      const outcome = this.log.append(streamId, batchExpectationOf(options), batch.proposed);
      if (fault?.afterWrite === true) {
        fail(call, unavailable());
        return;
      }
      call.write(batchResponse(correlation, streamId, outcome));
    });
    call.on('end', () => call.end());
  }

  #takeFault(): AppendFault | undefined {
    const fault = this.#fault;
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#fault = undefined;
    return fault;
  }

  // ── Delete and tombstone ──────────────────────────────────────────────────────────────────

  #delete(request: StreamsPb.DeleteReq, callback: grpc.sendUnaryData<StreamsPb.DeleteResp>): void {
    const at = this.#remove('delete', request.getOptions());
    if (typeof at !== 'bigint') {
      callback(at);
      return;
    }
    const position = new streamsPb.DeleteResp.Position();
    position.setCommitPosition(at.toString());
    position.setPreparePosition(at.toString());
    const response = new streamsPb.DeleteResp();
    response.setPosition(position);
    callback(null, response);
  }

  #tombstone(request: StreamsPb.TombstoneReq, callback: grpc.sendUnaryData<StreamsPb.TombstoneResp>): void {
    const at = this.#remove('tombstone', request.getOptions());
    if (typeof at !== 'bigint') {
      callback(at);
      return;
    }
    const position = new streamsPb.TombstoneResp.Position();
    position.setCommitPosition(at.toString());
    position.setPreparePosition(at.toString());
    const response = new streamsPb.TombstoneResp();
    response.setPosition(position);
    callback(null, response);
  }

  /**
   * A soft delete or a tombstone, checked as the server checks both (the stream must not be
   * tombstoned already, and must be where the request expects it). Returns the log position, or
   * the error to answer with.
   */
  #remove(
    kind: 'delete' | 'tombstone',
    options: StreamsPb.DeleteReq.Options | StreamsPb.TombstoneReq.Options | undefined,
  ): bigint | grpc.ServiceError {
    if (options === undefined) return invalidArgument(`${kind} without options`);
    const streamId = streamNameOf(options.getStreamIdentifier());
    if (this.log.isTombstoned(streamId)) return streamDeleted(streamId);
    const current = this.log.lastRevision(streamId);
    if (options.hasRevision() && BigInt(options.getRevision()) !== current) {
      return wrongExpectedVersionError(streamId, current, options.getRevision());
    }
    if (options.hasNoStream() && current !== -1n) return wrongExpectedVersionError(streamId, current, '-1');
    this.#count(kind);
    return kind === 'delete' ? this.log.softDelete(streamId) : this.log.tombstone(streamId);
  }
}

// ── Messages ────────────────────────────────────────────────────────────────────────────────

function streamNameOf(identifier: { getStreamName_asU8(): Uint8Array } | undefined): string {
  return identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

function streamIdentifier(streamId: string) {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(streamId, 'utf8'));
  return identifier;
}

function uuidOf(id: { getString(): string; hasString(): boolean } | undefined): string {
  if (id === undefined || !id.hasString()) throw new Error('the test server only takes UUIDs in their string form');
  return id.getString();
}

function proposedRecord(message: {
  getId(): InstanceType<typeof sharedPb.UUID> | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}): ProposedRecord {
  const metadata = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function eventResponse(record: LogRecord): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(streamIdentifier(record.streamId));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setCommitPosition(record.position.toString());
  recorded.setPreparePosition(record.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.customMetadata);
  const event = new streamsPb.ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(record.position.toString());
  const response = new streamsPb.ReadResp();
  response.setEvent(event);
  return response;
}

function checkpointResponse(position: bigint): ReadResp {
  const checkpoint = new streamsPb.ReadResp.Checkpoint();
  checkpoint.setCommitPosition(position.toString());
  checkpoint.setPreparePosition(position.toString());
  const response = new streamsPb.ReadResp();
  response.setCheckpoint(checkpoint);
  return response;
}

function filterOf(options: StreamsPb.ReadReq.Options.FilterOptions | undefined): (record: LogRecord) => boolean {
  if (options === undefined) return () => true;
  const onStream = options.getStreamIdentifier();
  const expression = onStream ?? options.getEventType();
  if (expression === undefined) return () => true;
  const field = (record: LogRecord): string => (onStream === undefined ? record.type : record.streamId);
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (record) => prefixes.some((prefix) => field(record).startsWith(prefix));
  const regex = new RegExp(expression.getRegex());
  return (record) => regex.test(field(record));
}

function expectationOf(options: StreamsPb.AppendReq.Options): Expectation {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function batchExpectationOf(options: StreamsPb.BatchAppendReq.Options): Expectation {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function setExpected(wrong: StreamsPb.AppendResp.WrongExpectedVersion, expected: Expectation): void {
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  else wrong.setExpectedAny(new sharedPb.Empty());
}

function batchResponse(
  correlation: InstanceType<typeof sharedPb.UUID> | undefined,
  streamId: string,
  outcome: AppendOutcome,
): BatchAppendResp {
  const response = new streamsPb.BatchAppendResp();
  if (correlation !== undefined) response.setCorrelationId(correlation);
  response.setStreamIdentifier(streamIdentifier(streamId));
  if (outcome.kind === 'success') {
    const success = new streamsPb.BatchAppendResp.Success();
    success.setCurrentRevision(outcome.revision.toString());
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    success.setPosition(position);
    response.setSuccess(success);
    return response;
  }
  const status = new statusPb.Status();
  const details = new anyPb.Any();
  if (outcome.kind === 'stream-deleted') {
    status.setCode(5);
    status.setMessage(`stream ${streamId} is deleted`);
    const deleted = new sharedPb.StreamDeleted();
    deleted.setStreamIdentifier(streamIdentifier(streamId));
    details.pack(deleted.serializeBinary(), 'event_store.client.StreamDeleted');
  } else {
    status.setCode(9);
    status.setMessage('wrong expected version');
    const wrong = new sharedPb.WrongExpectedVersion();
    if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new sharedPb.Empty());
    else wrong.setCurrentStreamRevision(outcome.current.toString());
    const expected = outcome.expected;
    if (expected.kind === 'revision') wrong.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
    else wrong.setExpectedAny(new sharedPb.Empty());
    details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  }
  status.setDetails(details);
  response.setError(status);
  return response;
}

// ── Errors, as the server sends them: a gRPC status with `exception` in the trailers ────────

/** Ends a streaming call with an error status, as grpc-js sends one: by emitting it. */
function fail(call: { emit(event: 'error', error: grpc.ServiceError): boolean }, error: grpc.ServiceError): void {
  call.emit('error', error);
}

function serviceError(code: grpc.status, details: string, metadata: Record<string, string> = {}): grpc.ServiceError {
  const trailers = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) trailers.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata: trailers });
}

function streamDeleted(streamId: string): grpc.ServiceError {
  return serviceError(grpc.status.FAILED_PRECONDITION, `Event stream '${streamId}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamId,
  });
}

function wrongExpectedVersionError(streamId: string, actual: bigint, expected: string): grpc.ServiceError {
  return serviceError(grpc.status.FAILED_PRECONDITION, 'wrong expected version', {
    exception: 'wrong-expected-version',
    'stream-name': streamId,
    'actual-version': actual.toString(),
    'expected-version': expected,
  });
}

function unavailable(): grpc.ServiceError {
  return serviceError(grpc.status.UNAVAILABLE, 'the test server dropped this request');
}

function invalidArgument(details: string): grpc.ServiceError {
  return serviceError(grpc.status.INVALID_ARGUMENT, details);
}

function unimplemented(what: string): grpc.ServiceError {
  return serviceError(grpc.status.UNIMPLEMENTED, `the test server does not implement ${what}`);
}
