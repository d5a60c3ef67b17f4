/**
 * @order-ledger/store-jsonl: a history file (one recorded event per line) read as a store, and
 * the writer that produces it.
 */

export { envelopeProblems, hasEnvelope, parseLineJson, type RawLine } from './history-line';
export { JsonlEventStore, type JsonlEventStoreOptions, parseRecordedLine } from './jsonl-event-store';
export { type NumberedLine, readLineBatches, readLines } from './jsonl-lines';
export { toJsonLine, writeJsonl } from './write-jsonl';
