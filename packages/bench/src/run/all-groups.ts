import { postgresExecute, sqliteExecute } from '../commands/execute-groups';
import { postgresVsEmmett, sqliteVsEmmett } from '../emmett/emmett-groups';
import { postgresImport, sqliteImport } from '../imports/import-groups';
import { checkpointAfterOneEvent, followerLag, reportUnchanged } from '../read-models/read-model-groups';
import { replayMemory } from '../replay/memory-group';
import { replays } from '../replay/replay-groups';
import { postgresVsRaw, sqliteVsRaw } from '../stores/store-groups';
import type { BenchGroup } from './bench-group';

/** Every group, in the order the table lists them. `BENCH_ONLY` takes their keys. */
export const allGroups: readonly BenchGroup[] = [
  sqliteVsRaw,
  postgresVsRaw,
  sqliteVsEmmett,
  postgresVsEmmett,
  sqliteImport,
  postgresImport,
  sqliteExecute,
  postgresExecute,
  replays,
  reportUnchanged,
  checkpointAfterOneEvent,
  followerLag,
  replayMemory,
];
