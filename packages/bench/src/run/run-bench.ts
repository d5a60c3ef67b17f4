/**
 * The one benchmark command: every row, one table, one JSON file.
 *
 *   pnpm bench          the full run (the 100,000-order history; long)
 *   pnpm bench:quick    every row on smaller data, in under two minutes
 *   BENCH_ONLY=sqlite,replay pnpm bench:quick     only the groups named (keys in all-groups.ts)
 *
 * Prints the table (markdown) on stdout, progress on stderr, and writes
 * bench-results/latest.json (and a dated copy) at the repository root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresScratch, postgresAnswers } from '../stores/postgres-scratch';
import type { RowFailure, RowResult } from '../table/bench-row';
import { formatTable } from '../table/format-table';
import { allGroups } from './all-groups';
import { BenchContext } from './bench-context';
import { benchEnvironment, machineLoad } from './bench-environment';
import { fullSizes, quickSizes } from './bench-sizes';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const sizes = process.argv.includes('--quick') ? quickSizes : fullSizes;
const only = process.env.BENCH_ONLY?.split(',').map((key) => key.trim()) ?? [];
const groups = allGroups.filter((group) => only.length === 0 || only.includes(group.key));
if (groups.length === 0)
  throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY}: no such group (${allGroups.map((g) => g.key).join(', ')})`);

const environment = benchEnvironment(repoRoot);
const started = performance.now();
const folder = mkdtempSync(join(tmpdir(), 'order-ledger-bench-'));
const problem = await postgresAnswers();
const scratch = problem === undefined ? new PostgresScratch() : undefined;
const context = new BenchContext(sizes, folder, scratch ?? problem ?? 'no PostgreSQL server');
context.log(`${sizes.mode} run, load ${environment.loadAtStart}, Node ${environment.node}; scratch ${folder}`);

const rows: RowResult[] = [];
const failures: RowFailure[] = [];
const groupSeconds: Record<string, number> = {};
try {
  for (const group of groups) {
    const groupStarted = performance.now();
    context.log(`${group.key}…`);
    try {
      rows.push(...(await group.run(context)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      context.log(`  ${group.key} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      for (const row of group.rows) failures.push({ ...row, error: message });
    }
    groupSeconds[group.key] = Math.round((performance.now() - groupStarted) / 100) / 10;
    context.log(`  ${group.key}: ${groupSeconds[group.key]} s, load ${machineLoad()}`);
  }
} finally {
  await scratch?.dropAll();
  rmSync(folder, { recursive: true, force: true });
}

const seconds = Math.round((performance.now() - started) / 1000);
const loadAtEnd = machineLoad();
const result = {
  mode: sizes.mode,
  environment: { ...environment, loadAtEnd },
  seconds,
  groupSeconds,
  sizes,
  rows,
  failures,
};
const resultsFolder = join(repoRoot, 'bench-results');
mkdirSync(resultsFolder, { recursive: true });
const latest = join(resultsFolder, 'latest.json');
const dated = join(resultsFolder, `${sizes.mode}-${environment.startedAt.replace(/[:.]/g, '-')}.json`);
for (const file of [latest, dated]) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

console.log(
  `\n${sizes.mode} run of ${environment.startedAt}, ${seconds} s; Node ${environment.node}, ${environment.cpus} × ${environment.cpuModel}\n` +
    `load (/proc/loadavg) at start ${environment.loadAtStart}, at end ${loadAtEnd}\n`,
);
console.log(formatTable(rows, failures));
console.log(`\nwritten to ${latest} (and ${dated})`);
