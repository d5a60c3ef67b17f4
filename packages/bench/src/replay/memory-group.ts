import { join } from 'node:path';
import { writeJsonl } from '@order-ledger/store-jsonl';
import type { BenchGroup } from '../run/bench-group';
import { builtProgram, timedProcess } from '../run/child-process';
import { absoluteRow } from '../table/make-row';
import { repeatedHistory } from './repeated-history';
import { staysFlat } from './stays-flat';

interface MemoryRun {
  readonly events: number;
  readonly seconds: number;
  readonly baseline: { readonly rssMb: number };
  readonly samples: readonly { readonly events: number; readonly rssMb: number; readonly heapMb: number }[];
}

const memoryRow = {
  id: 'replay.memory',
  operation: 'Memory of a long replay from a file (board with retention + stock), above the process baseline',
} as const;

export const replayMemory: BenchGroup = {
  key: 'memory',
  rows: [memoryRow],
  async run(context) {
    const { memoryEvents, orders, mode } = context.sizes;
    const file = join(context.folder, 'long-history.jsonl');
    context.log(`  writing ${memoryEvents.toLocaleString('en-US')} events to a file…`);
    await writeJsonl(file, repeatedHistory(context.recorded(orders), memoryEvents));
    const every = Math.max(1, Math.floor(memoryEvents / 10));
    const run = await timedProcess(['--expose-gc', builtProgram('memory-replay'), file, String(every)]);
    const measured = JSON.parse(run.stdout) as MemoryRun;
    const above = measured.samples.map((entry) => Math.round((entry.rssMb - measured.baseline.rssMb) * 10) / 10);
    const flat = staysFlat(above);
    return [
      absoluteRow(
        {
          ...memoryRow,
          size: `${measured.events.toLocaleString('en-US')} events${mode === 'quick' ? ' (quick run: not the 10 M the target is about)' : ''}`,
          note:
            `resident set after a full collection every ${every.toLocaleString('en-US')} events, minus the process before reading ` +
            `(${measured.baseline.rssMb} MB); by sample: ${above.join(', ')} MB; flat: ${flat ? 'yes' : 'no'}; ` +
            `${Math.round(measured.events / measured.seconds).toLocaleString('en-US')} events/s`,
        },
        'MB',
        above,
        { peak: true, flat },
      ),
    ];
  },
};
