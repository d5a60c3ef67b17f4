import type { BenchGroup } from '../run/bench-group';
import { rateRow } from '../table/make-row';
import { eachReadModel, measureReplays } from './replay-vs-ceiling';

const rows = [
  { id: 'replay.board-stock', operation: 'Replay board + stock from memory vs a hand-written Map loop' },
  { id: 'replay.all-five', operation: 'Replay all five read models from memory vs a hand-written Map loop' },
  { id: 'replay.file', operation: 'File replay (JSONL store readAll) vs JSON.parse of each line' },
  { id: 'replay.board-stock-file', operation: 'Replay board + stock from a JSONL file vs JSON.parse of each line' },
] as const;

/** One row per read model alone: no target, they say where the all-five replay spends its time. */
const aloneRows = Object.keys(eachReadModel).map((name) => ({
  id: `replay.alone.${name}`,
  operation: `Replay the ${name} read model alone from memory vs the same Map loop`,
}));

export const replays: BenchGroup = {
  key: 'replay',
  rows: [...rows, ...aloneRows],
  async run(context) {
    const { orders, replayRounds } = context.sizes;
    const measured = await measureReplays(context.recorded(orders), await context.historyFile(orders), replayRounds);
    const [boardStock, allFive, file, boardStockFile] = rows;
    const note = `${replayRounds} rounds each, alternating with the baseline, medians`;
    return [
      rateRow({ ...boardStock, note }, measured.boardStock),
      rateRow(allFive, measured.allFive),
      rateRow(
        {
          ...file,
          note: 'every line parsed, checked and made a recorded event, one async step per event; folds nothing',
        },
        measured.fileReadAll,
      ),
      rateRow(boardStockFile, measured.boardStockFile),
      ...aloneRows.map((row, index) => {
        const comparison = Object.values(measured.alone)[index];
        if (comparison === undefined) throw new Error(`no replay measured for ${row.id}`);
        return rateRow(row, comparison);
      }),
    ];
  },
};
