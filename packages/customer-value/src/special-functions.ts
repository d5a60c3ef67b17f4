import { CustomerValueError } from './customer-value-error';

const halfLnTwoPi = 0.5 * Math.log(2 * Math.PI);

/** Lanczos coefficients for g = 7, n = 9 (the published set); accurate to ~1e-15 relative in Γ. */
const lanczosG = 7;
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** B(2k) / (2k (2k − 1)) for k = 1 … 7: the Stirling series coefficients. */
const stirling = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156] as const;

/** Above this the Stirling series (7 terms) is below 1e-17 relative and needs no sum of fractions. */
const stirlingFrom = 10;

/**
 * ln Γ(x) for x > 0. Relative error ≲ 1e-14 (absolute ≲ 1e-15 near the zeros at x = 1 and 2):
 * Lanczos below 10 (reflection below ½), the Stirling series above, where Lanczos's large
 * (x − ½)·ln t − t terms would cancel.
 */
export function lnGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new CustomerValueError('CUSTOMER_VALUE_INVALID_PARAMETER', `lnGamma needs a finite x > 0, got ${x}`);
  }
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  if (x >= stirlingFrom) {
    const inverse = 1 / x;
    const inverseSquared = inverse * inverse;
    let series = 0;
    let power = inverse;
    for (const coefficient of stirling) {
      series += coefficient * power;
      power *= inverseSquared;
    }
    return (x - 0.5) * Math.log(x) - x + halfLnTwoPi + series;
  }
  const shifted = x - 1;
  let sum = lanczos[0];
  for (let index = 1; index < lanczos.length; index += 1) sum += (lanczos[index] ?? 0) / (shifted + index);
  const t = shifted + lanczosG + 0.5;
  return halfLnTwoPi + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(eᵃ + eᵇ) without overflow or underflow; −∞ stands for a zero term. */
export function logSumExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

export interface SeriesOptions {
  /** Stop when the next term and the estimated rest are both below this fraction of the sum. Default 1e-15. */
  readonly tolerance?: number;
  /** Give up (and throw) after this many terms. Default 100,000. */
  readonly maxTerms?: number;
}

const defaultTolerance = 1e-15;
const defaultMaxTerms = 100_000;

/**
 * Sums first + Σ_{k ≥ start} of the hypergeometric terms, each term being the previous times
 * (a + k)(b + k) z / ((c + k)(k + 1)). A small term alone proves nothing (ratios can exceed 1 for a
 * while when a, b are large against c), so the rest is bounded: once k + a, k + b, k + c > 0, each
 * factor (j + a)/(j + 1) and (j + b)/(j + c), or paired the other way (j + a)/(j + c) and
 * (j + b)/(j + 1), is monotone in j and so stays below max(its value now, 1); with ρ = z · the
 * smaller product of maxima < 1, the rest is at most |term| · ρ / (1 − ρ).
 */
function hypergeometricSum(
  first: number,
  start: number,
  a: number,
  b: number,
  c: number,
  z: number,
  options: SeriesOptions,
  name: string,
): number {
  const tolerance = options.tolerance ?? defaultTolerance;
  const maxTerms = options.maxTerms ?? defaultMaxTerms;
  const positiveFrom = -Math.min(a, b, c, 0);
  let term = first;
  let sum = first;
  for (let k = start; k < start + maxTerms; k += 1) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (term === 0) return sum;
    if (!Number.isFinite(sum)) break;
    const next = k + 1;
    if (next > positiveFrom && Math.abs(term) <= tolerance * Math.abs(sum)) {
      // Either pairing of the four factors bounds the ratio; the tighter one matters when a (or b)
      // is large and close to c, where the other pairing stays above 1 for a very long time.
      const rho =
        z *
        Math.min(
          Math.max((next + a) / (next + 1), 1) * Math.max((next + b) / (next + c), 1),
          Math.max((next + a) / (next + c), 1) * Math.max((next + b) / (next + 1), 1),
        );
      if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= tolerance * Math.abs(sum)) return sum;
    }
  }
  throw new CustomerValueError(
    'CUSTOMER_VALUE_SERIES_NOT_CONVERGED',
    `${name}(${a}, ${b}; ${c}; ${z}) did not converge within ${maxTerms} terms (tolerance ${tolerance})`,
  );
}

function checkHypergeometricArguments(a: number, b: number, c: number, z: number, name: string): void {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new CustomerValueError('CUSTOMER_VALUE_INVALID_PARAMETER', `${name} needs finite arguments`);
  }
  if (!(z >= 0 && z < 1)) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_INVALID_PARAMETER',
      `${name} is summed only for z in [0, 1), got ${z}`,
    );
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new CustomerValueError('CUSTOMER_VALUE_INVALID_PARAMETER', `${name} is undefined for c = ${c}`);
  }
}

/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for z in [0, 1), by its power series
 * Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ. Throws CUSTOMER_VALUE_SERIES_NOT_CONVERGED past `maxTerms` terms
 * (slow only as z → 1 with a + b − c large).
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: SeriesOptions = {}): number {
  checkHypergeometricArguments(a, b, c, z, 'hyp2f1');
  return hypergeometricSum(1, 0, a, b, c, z, options, 'hyp2f1');
}

/**
 * (₂F₁(a, b; c; z) − 1) / b, summed term by term with b divided out, so it stays exact as b → 0,
 * where the plain difference would lose every digit (BG/NBD needs it when its a is near 1).
 */
export function hyp2f1ExcessPerB(a: number, b: number, c: number, z: number, options: SeriesOptions = {}): number {
  checkHypergeometricArguments(a, b, c, z, 'hyp2f1ExcessPerB');
  if (z === 0) return 0;
  // The k = 1 term of ₂F₁ is a·b·z/c; with b divided out, later terms keep the (b + k) factors for k ≥ 1.
  return hypergeometricSum((a * z) / c, 1, a, b, c, z, options, 'hyp2f1ExcessPerB');
}
