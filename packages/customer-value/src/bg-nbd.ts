import { CustomerValueError } from './customer-value-error';
import { type NelderMeadOptions, nelderMead } from './nelder-mead';
import { hyp2f1ExcessPerB, lnBeta, lnGamma } from './special-functions';

/** BG/NBD parameters: purchase rates ~ Gamma(shape r, rate α), dropout probabilities ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  /** A rate scale in the summaries' time unit (a fit in weeks has α in weeks). */
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** What BG/NBD needs of a customer: repeat purchase days x, recency t_x, age T (same unit as α). */
export interface BgNbdCustomer {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

/** Customers sharing one (x, t_x, T), counted once with a weight. */
export interface WeightedBgNbdCustomer extends BgNbdCustomer {
  readonly weight: number;
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Σ ln L over all customers (not per customer), at the fitted parameters. */
  readonly logLikelihood: number;
  readonly customers: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export interface BgNbdFitOptions {
  /** Starting point. Default r = a = b = 1 and α = the mean T (rates of about one purchase per T). */
  readonly start?: BgNbdParams;
  /** Passed on to the minimiser (it works on ln r, ln α, ln a, ln b). */
  readonly nelderMead?: NelderMeadOptions;
}

function checkCustomer(customer: BgNbdCustomer & { readonly weight?: number }): void {
  const { x, tx, T } = customer;
  const weight = customer.weight ?? 1;
  if (!(Number.isInteger(x) && x >= 0 && Number.isFinite(T) && tx >= 0 && tx <= T && weight > 0)) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_INVALID_INPUT',
      `a BG/NBD customer needs an integer x ≥ 0, 0 ≤ t_x ≤ T and a positive weight, got x=${x}, t_x=${tx}, T=${T}`,
    );
  }
}

function checkParams(params: BgNbdParams): void {
  const { r, alpha, a, b } = params;
  if (![r, alpha, a, b].every((value) => value > 0 && Number.isFinite(value))) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_INVALID_PARAMETER',
      `BG/NBD needs r, α, a, b > 0, got ${JSON.stringify(params)}`,
    );
  }
}

/**
 * Groups customers with identical (x, t_x, T): the likelihood depends on nothing else, so a fit on
 * the groups equals a fit on everyone, and daily or weekly data from 100,000 customers shrinks to a
 * few thousand groups.
 */
export function compressBgNbdData(
  customers: Iterable<BgNbdCustomer & { readonly weight?: number }>,
): WeightedBgNbdCustomer[] {
  const groups = new Map<string, { x: number; tx: number; T: number; weight: number }>();
  for (const customer of customers) {
    checkCustomer(customer);
    // A customer without repeat purchases has no recency: t_x = 0 whatever was passed.
    const tx = customer.x === 0 ? 0 : customer.tx;
    const key = `${customer.x}|${tx}|${customer.T}`;
    const group = groups.get(key);
    if (group) group.weight += customer.weight ?? 1;
    else groups.set(key, { x: customer.x, tx, T: customer.T, weight: customer.weight ?? 1 });
  }
  return [...groups.values()];
}

/**
 * The groups as index arrays into their distinct x, t_x and T values, so that one likelihood
 * evaluation costs one ln Γ per distinct x and one ln per distinct time, then plain arithmetic.
 */
interface PreparedData {
  readonly xValues: Float64Array;
  readonly txValues: Float64Array;
  readonly tValues: Float64Array;
  readonly xIndex: Int32Array;
  readonly txIndex: Int32Array;
  readonly tIndex: Int32Array;
  readonly weights: Float64Array;
  readonly totalWeight: number;
  readonly meanT: number;
}

function indexer(values: number[]): (value: number) => number {
  const positions = new Map<number, number>();
  return (value) => {
    let position = positions.get(value);
    if (position === undefined) {
      position = values.length;
      values.push(value);
      positions.set(value, position);
    }
    return position;
  };
}

function prepare(customers: Iterable<BgNbdCustomer & { readonly weight?: number }>): PreparedData {
  const groups = compressBgNbdData(customers);
  const xValues: number[] = [];
  const txValues: number[] = [];
  const tValues: number[] = [];
  const xAt = indexer(xValues);
  const txAt = indexer(txValues);
  const tAt = indexer(tValues);
  const xIndex = new Int32Array(groups.length);
  const txIndex = new Int32Array(groups.length);
  const tIndex = new Int32Array(groups.length);
  const weights = new Float64Array(groups.length);
  let totalWeight = 0;
  let weightedT = 0;
  groups.forEach((group, index) => {
    xIndex[index] = xAt(group.x);
    txIndex[index] = txAt(group.tx);
    tIndex[index] = tAt(group.T);
    weights[index] = group.weight;
    totalWeight += group.weight;
    weightedT += group.weight * group.T;
  });
  return {
    xValues: Float64Array.from(xValues),
    txValues: Float64Array.from(txValues),
    tValues: Float64Array.from(tValues),
    xIndex,
    txIndex,
    tIndex,
    weights,
    totalWeight,
    meanT: totalWeight > 0 ? weightedT / totalWeight : 0,
  };
}

/**
 * Σ weight · ln L with, per customer,
 *   ln L = A1 + A2 + ln(e^A3 + [x > 0] e^A4),
 *   A1 = ln Γ(r + x) − ln Γ(r) + r ln α,  A2 = ln B(a, b + x) − ln B(a, b),
 *   A3 = −(r + x) ln(α + T),  A4 = ln a − ln(b + x − 1) − (r + x) ln(α + t_x),
 * the sum of the two exponentials taken by log-sum-exp, so large x neither overflows nor underflows.
 */
function logLikelihoodOf(params: BgNbdParams, data: PreparedData): number {
  const { r, alpha, a, b } = params;
  const { xValues, txValues, tValues } = data;
  const perX = new Float64Array(xValues.length);
  const dropTerm = new Float64Array(xValues.length);
  const shape = new Float64Array(xValues.length);
  const lnGammaR = lnGamma(r);
  const lnBetaAB = lnBeta(a, b);
  const rLnAlpha = r * Math.log(alpha);
  const lnA = Math.log(a);
  for (let index = 0; index < xValues.length; index += 1) {
    const x = xValues[index] ?? 0;
    perX[index] = lnGamma(r + x) - lnGammaR + rLnAlpha + lnBeta(a, b + x) - lnBetaAB;
    dropTerm[index] = x > 0 ? lnA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    shape[index] = r + x;
  }
  const lnAlphaT = tValues.map((T) => Math.log(alpha + T));
  const lnAlphaTx = txValues.map((tx) => Math.log(alpha + tx));

  const { xIndex, txIndex, tIndex, weights } = data;
  let sum = 0;
  for (let group = 0; group < weights.length; group += 1) {
    const xAt = xIndex[group] ?? 0;
    const rx = shape[xAt] ?? 0;
    const lnT = lnAlphaT[tIndex[group] ?? 0] ?? 0;
    const drop = dropTerm[xAt] ?? Number.NEGATIVE_INFINITY;
    let tail = -rx * lnT;
    if (drop !== Number.NEGATIVE_INFINITY) {
      // Log-sum-exp as A3 + ln(1 + e^u) with u = A4 − A3 formed from ln((α + T)/(α + t_x)) directly:
      // for large x, A3 and A4 are large and close, and subtracting them would lose digits.
      const u = drop + rx * (lnT - (lnAlphaTx[txIndex[group] ?? 0] ?? 0));
      tail += u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }
    sum += (weights[group] ?? 0) * ((perX[xAt] ?? 0) + tail);
  }
  return sum;
}

/** The BG/NBD log-likelihood Σ ln L(r, α, a, b | x, t_x, T) of the customers (weights count as copies). */
export function bgnbdLogLikelihood(
  params: BgNbdParams,
  customers: Iterable<BgNbdCustomer & { readonly weight?: number }>,
): number {
  checkParams(params);
  return logLikelihoodOf(params, prepare(customers));
}

/** Keeps ln-parameters where exp neither over- nor underflows into a meaningless fit. */
const lnBound = 20;

/**
 * Maximum-likelihood fit by Nelder–Mead on (ln r, ln α, ln a, ln b), so every parameter stays
 * positive without constraints. The objective is −ln L per customer, which makes the tolerances
 * independent of the number of customers.
 */
export function fitBgNbd(
  customers: Iterable<BgNbdCustomer & { readonly weight?: number }>,
  options: BgNbdFitOptions = {},
): BgNbdFit {
  const data = prepare(customers);
  if (data.totalWeight === 0) {
    throw new CustomerValueError('CUSTOMER_VALUE_EMPTY_DATA', 'fitBgNbd needs at least one customer');
  }
  const start = options.start ?? { r: 1, alpha: Math.max(data.meanT, 1e-6), a: 1, b: 1 };
  checkParams(start);
  const fromLn = (theta: readonly number[]): BgNbdParams => ({
    r: Math.exp(theta[0] ?? 0),
    alpha: Math.exp(theta[1] ?? 0),
    a: Math.exp(theta[2] ?? 0),
    b: Math.exp(theta[3] ?? 0),
  });
  const result = nelderMead(
    (theta) => -logLikelihoodOf(fromLn(theta), data) / data.totalWeight,
    [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)],
    {
      lower: [-lnBound, -lnBound, -lnBound, -lnBound],
      upper: [lnBound, lnBound, lnBound, lnBound],
      ...options.nelderMead,
    },
  );
  const params = fromLn(result.x);
  return {
    params,
    logLikelihood: logLikelihoodOf(params, data),
    customers: data.totalWeight,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}

function checkHistory(x: number, tx: number, T: number): void {
  checkCustomer({ x, tx, T });
}

/** ln of the odds a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x) that the customer has dropped out. */
function lnDeadOdds(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return Number.NEGATIVE_INFINITY;
  const { r, alpha, a, b } = params;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** P(alive | x, t_x, T) = 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)). */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  checkParams(params);
  checkHistory(x, tx, T);
  const lnOdds = lnDeadOdds(params, x, tx, T);
  // 1/(1 + e^u), written so that neither branch overflows.
  return lnOdds > 0 ? Math.exp(-lnOdds) / (1 + Math.exp(-lnOdds)) : 1 / (1 + Math.exp(lnOdds));
}

/**
 * (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r + x) ₂F₁(r + x, b + x; a + b + x − 1; z)],
 * z = t/(α + T + t): the expected purchases in (T, T + t] of a customer known to be alive.
 *
 * Computed after Euler's transformation ₂F₁(A, B; C; z) = (1 − z)^(C − A − B) ₂F₁(C − A, C − B; C; z),
 * which turns the bracket into 1 − (1 − z)^(a − 1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z): the
 * upper parameters no longer grow with x, so the series converges in a few terms where the
 * original's terms first grow like (x z)ᵏ/k!. With ε = a − 1 and ₂F₁ = 1 + ε·G, the bracket over ε
 * is −expm1(ε ln(1 − z))/ε − (1 − z)^ε G, finite and exact also at and near a = 1, where the
 * published form divides 0 by 0.
 */
function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const lnOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const epsilon = a - 1;
  const c = a + b + x - 1;
  const g = hyp2f1ExcessPerB(a + b - 1 - r, epsilon, c, z);
  const firstPart = epsilon === 0 ? -lnOneMinusZ : -Math.expm1(epsilon * lnOneMinusZ) / epsilon;
  return c * (firstPart - Math.exp(epsilon * lnOneMinusZ) * g);
}

function checkHorizon(t: number): void {
  if (!(t >= 0 && Number.isFinite(t))) {
    throw new CustomerValueError('CUSTOMER_VALUE_INVALID_INPUT', `a horizon t needs to be finite and ≥ 0, got ${t}`);
  }
}

/**
 * E[X(t) | x, t_x, T]: expected purchase days in the next t (same unit as α) of a customer with
 * this history. Equals P(alive) times the expectation for a customer known to be alive.
 */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkParams(params);
  checkHistory(x, tx, T);
  checkHorizon(t);
  return expectedPurchasesIfAlive(params, t, x, T) * probabilityAlive(params, x, tx, T);
}

/** E[X(t)] = (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))] for a customer yet to come. */
export function expectedPurchasesNewCustomer(params: BgNbdParams, t: number): number {
  checkParams(params);
  checkHorizon(t);
  return expectedPurchasesIfAlive(params, t, 0, 0);
}
