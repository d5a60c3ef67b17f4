import { seededRandom as unitInterval } from '@order-ledger/core/testing';
import type { BgNbdParams } from '../bg-nbd';
import type { GammaGammaParams } from '../gamma-gamma';

/** The seeded PRNG of core's testing helpers, on the open interval (0, 1): the same seed gives the same customers on every machine. */
export function seededRandom(seed: number): () => number {
  const next = unitInterval(seed);
  // Shifted by half a step so that ln(u) and ln(1 − u) are always finite.
  return () => next() + 0.5 / 4294967296;
}

function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate 1) by Marsaglia and Tsang; a shape below 1 is boosted by U^(1/shape). */
export function sampleGamma(random: () => number, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = standardNormal(random);
    const v = (1 + c * normal) ** 3;
    if (v > 0 && Math.log(random()) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleBeta(random: () => number, a: number, b: number): number {
  const left = sampleGamma(random, a);
  return left / (left + sampleGamma(random, b));
}

export interface SimulatedCustomer {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  /** Mean spend over the repeat purchases when spend was simulated too, else null. */
  readonly meanSpend: number | null;
}

/**
 * Customers told by the BG/NBD story: each has a purchase rate λ ~ Gamma(r, α) and a dropout
 * probability p ~ Beta(a, b); from a first purchase at 0 they buy at Poisson(λ) times and, after
 * each repeat purchase, drop out for good with probability p. Observed until their own T.
 * With `spend`, each repeat purchase also spends Gamma(p, ν) with ν ~ Gamma(q, γ) per customer.
 */
export function simulateCustomers(
  params: BgNbdParams,
  count: number,
  age: (random: () => number) => number,
  seed: number,
  spend?: GammaGammaParams,
): SimulatedCustomer[] {
  const random = seededRandom(seed);
  const customers: SimulatedCustomer[] = [];
  for (let index = 0; index < count; index += 1) {
    const T = age(random);
    const rate = sampleGamma(random, params.r) / params.alpha;
    const dropout = sampleBeta(random, params.a, params.b);
    let time = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      time += -Math.log(random()) / rate;
      if (time > T) break;
      x += 1;
      tx = time;
      if (random() < dropout) break;
    }
    customers.push({ x, tx, T, meanSpend: spend && x > 0 ? sampleMeanSpend(random, spend, x) : null });
  }
  return customers;
}

/** The mean of x spends Gamma(p, ν), with the customer's ν ~ Gamma(q, γ): the Gamma-Gamma story. */
export function sampleMeanSpend(random: () => number, params: GammaGammaParams, x: number): number {
  const nu = sampleGamma(random, params.q) / params.gamma;
  let total = 0;
  for (let purchase = 0; purchase < x; purchase += 1) total += sampleGamma(random, params.p) / nu;
  return total / x;
}
