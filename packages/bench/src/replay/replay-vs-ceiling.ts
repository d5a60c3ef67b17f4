/**
 * Replaying a history through the read models, from memory and from a JSONL file, beside the
 * ceilings, alternating rounds in one process:
 * - from memory, against a hand-written loop folding the same events into plain Maps (ceiling.ts);
 * - from a file, against a plain `JSON.parse` of every line (lines split by the same chunked
 *   reader the store uses, so only the per-line work differs).
 */
import { foldProjections, type Projection, type RecordedEvent, slot } from '@order-ledger/core';
import { type Comparison, compare } from '@order-ledger/core/testing';
import { followUps } from '@order-ledger/follow-ups';
import { bestCustomers } from '@order-ledger/projection-best-customers';
import { customerTimeline } from '@order-ledger/projection-customer-timeline';
import { createOrdersBoard } from '@order-ledger/projection-orders-board';
import { stockCounts } from '@order-ledger/projection-stock-counts';
import { JsonlEventStore, readLineBatches } from '@order-ledger/store-jsonl';
import { ceilingLoop } from './ceiling';

export const boardAndStock = (): Projection<unknown>[] => [createOrdersBoard(), stockCounts];
/** Each read model on its own, by name: the table shows where an all-five replay spends its time. */
export const eachReadModel: Readonly<Record<string, () => Projection<unknown>>> = {
  board: () => createOrdersBoard(),
  stock: () => stockCounts,
  timeline: () => customerTimeline(),
  'best-customers': () => bestCustomers,
  'follow-ups': () => followUps,
};
export const allFive = (): Projection<unknown>[] => Object.values(eachReadModel).map((make) => make());

export interface ReplayComparisons {
  readonly boardStock: Comparison;
  readonly allFive: Comparison;
  readonly fileReadAll: Comparison;
  readonly boardStockFile: Comparison;
  /** Each read model alone from memory, against the same loop, by the names of `eachReadModel`. */
  readonly alone: Readonly<Record<string, Comparison>>;
}

export async function measureReplays(
  history: readonly RecordedEvent[],
  file: string,
  rounds: number,
): Promise<ReplayComparisons> {
  const runs = { rounds, count: history.length, unit: 'events' };
  const stoppedShort = (slots: readonly { current: { position: number } }[]) =>
    slots.some((entry) => entry.current.position !== history.length);
  const fromMemory = (projections: () => Projection<unknown>[]) => async () => async () => {
    const slots = projections().map((projection) => slot(projection));
    foldProjections(slots, history);
    if (stoppedShort(slots)) throw new Error('a projection stopped short');
  };
  const mapLoop = async () => async () => {
    if (ceilingLoop(history).orders === 0) throw new Error('folded nothing');
  };
  const parseEachLine = async () => async () => {
    let count = 0;
    for await (const lines of readLineBatches(file)) {
      for (const { text } of lines) if (JSON.parse(text) !== null) count += 1;
    }
    if (count !== history.length) throw new Error('short file');
  };
  const fileReadAll = async () => async () => {
    let count = 0;
    for await (const event of new JsonlEventStore(file).readAll()) if (event.position > 0) count += 1;
    if (count !== history.length) throw new Error('short file');
  };
  const fromFile = (projections: () => Projection<unknown>[]) => async () => async () => {
    const slots = projections().map((projection) => slot(projection));
    for await (const batch of new JsonlEventStore(file).readAllBatches()) foldProjections(slots, batch);
    if (stoppedShort(slots)) throw new Error('a projection stopped short');
  };
  const alone: Record<string, Comparison> = {};
  for (const [name, make] of Object.entries(eachReadModel)) {
    alone[name] = await compare(
      `${name} alone`,
      runs,
      fromMemory(() => [make()]),
      mapLoop,
    );
  }
  return {
    alone,
    boardStock: await compare('board + stock', runs, fromMemory(boardAndStock), mapLoop),
    allFive: await compare('all five', runs, fromMemory(allFive), mapLoop),
    fileReadAll: await compare('file readAll', runs, fileReadAll, parseEachLine),
    boardStockFile: await compare('board + stock from a file', runs, fromFile(boardAndStock), parseEachLine),
  };
}
