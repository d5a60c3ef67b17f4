/**
 * How long do the BG/NBD and Gamma-Gamma fits take, for a small store and a large one?
 *
 * 1. The CDNOW 1/10 sample: 2,357 customers summarised from 6,919 raw lines (target: well under 1 s).
 * 2. 100,000 simulated customers, acquired over a year and observed in whole days (target: seconds).
 * Each is fitted several times and the median reported; the first run also pays for JIT warm-up.
 *
 * Run: npx tsx bench/fit.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { compressBgNbdData, fitBgNbd } from '../src/bg-nbd';
import { summarizeCustomers } from '../src/customer-summary';
import { fitGammaGamma, repeatCustomers } from '../src/gamma-gamma';
import { readCdnowSample } from '../src/testing/cdnow';
import { simulateCustomers } from '../src/testing/simulate';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

function time<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

function report(
  name: string,
  runs: number,
  customers: readonly { x: number; tx: number; T: number; meanSpend: number | null }[],
): void {
  const bgNbdTimes: number[] = [];
  const gammaGammaTimes: number[] = [];
  let summary = '';
  for (let run = 0; run < runs; run += 1) {
    const [bgNbd, bgNbdTime] = time(() => fitBgNbd(customers));
    const [gammaGamma, gammaGammaTime] = time(() => fitGammaGamma(repeatCustomers(customers)));
    bgNbdTimes.push(bgNbdTime);
    gammaGammaTimes.push(gammaGammaTime);
    const { r, alpha, a, b } = bgNbd.params;
    const { p, q, gamma } = gammaGamma.params;
    summary =
      `BG/NBD r=${r.toFixed(4)} α=${alpha.toFixed(4)} a=${a.toFixed(4)} b=${b.toFixed(4)} ` +
      `lnL=${bgNbd.logLikelihood.toFixed(2)} (${bgNbd.evaluations} evaluations, converged ${bgNbd.converged}); ` +
      `Gamma-Gamma p=${p.toFixed(3)} q=${q.toFixed(3)} γ=${gamma.toFixed(3)} (${gammaGamma.customers} repeat)`;
  }
  const total = bgNbdTimes.map((value, index) => value + (gammaGammaTimes[index] ?? 0));
  const format = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  console.log(`\n${name}`);
  console.log(`  ${summary}`);
  console.log(`  BG/NBD fit      median ${median(bgNbdTimes).toFixed(0)} ms   runs: ${format(bgNbdTimes)}`);
  console.log(`  Gamma-Gamma fit median ${median(gammaGammaTimes).toFixed(0)} ms   runs: ${format(gammaGammaTimes)}`);
  console.log(`  both            median ${median(total).toFixed(0)} ms`);
}

console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min)`,
);
const [purchases, readTime] = time(() => readCdnowSample());
const [cdnow, summaryTime] = time(() =>
  summarizeCustomers(purchases, { asOf: '1997-09-30', unit: 'weeks', nonPositiveSpendDays: 'include' }),
);
console.log(
  `CDNOW: read ${purchases.length} lines in ${readTime.toFixed(0)} ms, ` +
    `summarised ${cdnow.length} customers in ${summaryTime.toFixed(0)} ms, ` +
    `${compressBgNbdData(cdnow).length} distinct (x, t_x, T)`,
);
report('CDNOW 1/10 sample, 2,357 customers (weeks)', 7, cdnow);

const [simulated, simulationTime] = time(() =>
  simulateCustomers(
    { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    100_000,
    // Acquired on a whole day within the last 52 weeks; recency cut to the day of purchase, as a summary would be.
    (random) => Math.ceil(364 * random()) / 7,
    20260703,
    { p: 6.25, q: 3.74, gamma: 15.44 },
  ).map((customer) => ({ ...customer, tx: Math.floor(customer.tx * 7) / 7 })),
);
console.log(
  `\nsimulated 100,000 customers in ${simulationTime.toFixed(0)} ms, ` +
    `${compressBgNbdData(simulated).length} distinct (x, t_x, T)`,
);
report('100,000 simulated customers (weeks, whole days)', 5, simulated);
