import { CustomerValueError } from './customer-value-error';
import { type NelderMeadOptions, nelderMead } from './nelder-mead';
import { lnGamma } from './special-functions';

/**
 * Gamma-Gamma parameters: a customer's spends are Gamma(p, ν) around a personal scale ν ~ Gamma(q, γ).
 * γ is in the spend's unit (minor or major, whichever the summaries used).
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** A repeat customer: x ≥ 1 repeat purchase days with mean spend z̄ > 0 over them. */
export interface GammaGammaCustomer {
  readonly x: number;
  readonly meanSpend: number;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  /** Σ ln L over the customers at the fitted parameters. */
  readonly logLikelihood: number;
  readonly customers: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export interface GammaGammaFitOptions {
  /** Starting point. Default p = q = 1 and γ = the mean of the mean spends. */
  readonly start?: GammaGammaParams;
  /** Passed on to the minimiser (it works on ln p, ln q, ln γ). */
  readonly nelderMead?: NelderMeadOptions;
}

/** The customers Gamma-Gamma can use: x > 0 and a positive mean spend. */
export function repeatCustomers(
  summaries: Iterable<{ readonly x: number; readonly meanSpend: number | null }>,
): GammaGammaCustomer[] {
  const repeat: GammaGammaCustomer[] = [];
  for (const { x, meanSpend } of summaries) {
    if (x > 0 && meanSpend !== null && meanSpend > 0) repeat.push({ x, meanSpend });
  }
  return repeat;
}

function checkCustomers(customers: readonly GammaGammaCustomer[]): void {
  for (const { x, meanSpend } of customers) {
    if (!(Number.isInteger(x) && x >= 1 && meanSpend > 0 && Number.isFinite(meanSpend))) {
      throw new CustomerValueError(
        'CUSTOMER_VALUE_INVALID_INPUT',
        `Gamma-Gamma takes repeat customers only (integer x ≥ 1, mean spend > 0), got x=${x}, z̄=${meanSpend}; see repeatCustomers()`,
      );
    }
  }
}

function checkParams(params: GammaGammaParams): void {
  const { p, q, gamma } = params;
  if (![p, q, gamma].every((value) => value > 0 && Number.isFinite(value))) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_INVALID_PARAMETER',
      `Gamma-Gamma needs p, q, γ > 0, got ${JSON.stringify(params)}`,
    );
  }
}

/** Per customer, the parts of ln L that do not change during a fit. */
interface PreparedSpend {
  readonly distinctX: Float64Array;
  readonly xIndex: Int32Array;
  readonly x: Float64Array;
  readonly meanSpend: Float64Array;
  /** Σ ln z̄ and Σ x ln x, which enter ln L linearly in p. */
  readonly sumLnMeanSpend: number;
  readonly sumXLnX: number;
  readonly sumXLnMeanSpend: number;
}

function prepare(customers: readonly GammaGammaCustomer[]): PreparedSpend {
  checkCustomers(customers);
  const positions = new Map<number, number>();
  const distinctX: number[] = [];
  const xIndex = new Int32Array(customers.length);
  let sumLnMeanSpend = 0;
  let sumXLnX = 0;
  let sumXLnMeanSpend = 0;
  customers.forEach(({ x, meanSpend }, index) => {
    let position = positions.get(x);
    if (position === undefined) {
      position = distinctX.length;
      distinctX.push(x);
      positions.set(x, position);
    }
    xIndex[index] = position;
    sumLnMeanSpend += Math.log(meanSpend);
    sumXLnX += x * Math.log(x);
    sumXLnMeanSpend += x * Math.log(meanSpend);
  });
  return {
    distinctX: Float64Array.from(distinctX),
    xIndex,
    x: Float64Array.from(customers, (customer) => customer.x),
    meanSpend: Float64Array.from(customers, (customer) => customer.meanSpend),
    sumLnMeanSpend,
    sumXLnX,
    sumXLnMeanSpend,
  };
}

/**
 * Σ ln L, per customer
 *   ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln z̄ + px ln x − (px + q) ln(γ + x z̄);
 * the ln Γ pair once per distinct x and the terms linear in p from sums taken once.
 */
function logLikelihoodOf(params: GammaGammaParams, data: PreparedSpend): number {
  const { p, q, gamma } = params;
  const perX = Float64Array.from(data.distinctX, (x) => lnGamma(p * x + q) - lnGamma(p * x));
  const count = data.x.length;
  let sum =
    count * (q * Math.log(gamma) - lnGamma(q)) + p * data.sumXLnMeanSpend - data.sumLnMeanSpend + p * data.sumXLnX;
  for (let index = 0; index < count; index += 1) {
    const x = data.x[index] ?? 0;
    sum += (perX[data.xIndex[index] ?? 0] ?? 0) - (p * x + q) * Math.log(gamma + x * (data.meanSpend[index] ?? 0));
  }
  return sum;
}

/** The Gamma-Gamma log-likelihood Σ ln L(p, q, γ | x, z̄) of repeat customers. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly GammaGammaCustomer[]): number {
  checkParams(params);
  return logLikelihoodOf(params, prepare(customers));
}

const lnBound = 30;

/** Maximum-likelihood fit by Nelder–Mead on (ln p, ln q, ln γ), on −ln L per customer. */
export function fitGammaGamma(
  customers: readonly GammaGammaCustomer[],
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  const data = prepare(customers);
  if (customers.length === 0) {
    throw new CustomerValueError('CUSTOMER_VALUE_EMPTY_DATA', 'fitGammaGamma needs at least one repeat customer');
  }
  const meanOfMeans = data.meanSpend.reduce((sum, value) => sum + value, 0) / customers.length;
  const start = options.start ?? { p: 1, q: 1, gamma: meanOfMeans };
  checkParams(start);
  const fromLn = (theta: readonly number[]): GammaGammaParams => ({
    p: Math.exp(theta[0] ?? 0),
    q: Math.exp(theta[1] ?? 0),
    gamma: Math.exp(theta[2] ?? 0),
  });
  const result = nelderMead(
    (theta) => -logLikelihoodOf(fromLn(theta), data) / customers.length,
    [Math.log(start.p), Math.log(start.q), Math.log(start.gamma)],
    { lower: [-lnBound, -lnBound, -lnBound], upper: [lnBound, lnBound, lnBound], ...options.nelderMead },
  );
  const params = fromLn(result.x);
  return {
    params,
    logLikelihood: logLikelihoodOf(params, data),
    customers: customers.length,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}

/**
 * E[M | x, z̄] = p (γ + x z̄) / (p x + q − 1): a customer's expected spend per purchase, pulled from
 * z̄ towards the population mean p γ / (q − 1), which is what a customer with x = 0 gets (pass
 * meanSpend null). Throws when q ≤ 1, where that population mean does not exist.
 */
export function expectedMeanSpend(params: GammaGammaParams, x: number, meanSpend: number | null): number {
  checkParams(params);
  const { p, q, gamma } = params;
  if (!(Number.isInteger(x) && x >= 0) || (x > 0 && !(meanSpend !== null && Number.isFinite(meanSpend)))) {
    throw new CustomerValueError('CUSTOMER_VALUE_INVALID_INPUT', `expectedMeanSpend needs x ≥ 0 and z̄ when x > 0`);
  }
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new CustomerValueError(
      'CUSTOMER_VALUE_UNDEFINED_MEAN',
      `the expected spend is undefined for p x + q ≤ 1 (p=${p}, q=${q}, x=${x})`,
    );
  }
  return (p * (gamma + x * (x > 0 ? (meanSpend ?? 0) : 0))) / denominator;
}

/**
 * Pearson correlation of x and z̄ over repeat customers. Gamma-Gamma assumes spend independent of
 * frequency; a correlation beyond about ±0.3 says that assumption, and its spend forecasts, are
 * doubtful. 0 when x or z̄ does not vary (no linear relation to measure).
 */
export function spendFrequencyCorrelation(customers: readonly GammaGammaCustomer[]): number {
  if (customers.length < 2) {
    throw new CustomerValueError('CUSTOMER_VALUE_EMPTY_DATA', 'a correlation needs at least two customers');
  }
  const count = customers.length;
  const meanX = customers.reduce((sum, customer) => sum + customer.x, 0) / count;
  const meanZ = customers.reduce((sum, customer) => sum + customer.meanSpend, 0) / count;
  let covariance = 0;
  let varianceX = 0;
  let varianceZ = 0;
  for (const { x, meanSpend } of customers) {
    covariance += (x - meanX) * (meanSpend - meanZ);
    varianceX += (x - meanX) ** 2;
    varianceZ += (meanSpend - meanZ) ** 2;
  }
  return varianceX === 0 || varianceZ === 0 ? 0 : covariance / Math.sqrt(varianceX * varianceZ);
}
