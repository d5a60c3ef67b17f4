import { CustomerValueError } from './customer-value-error';

export interface NelderMeadOptions {
  /** Cap on simplex iterations, over all restarts together. Default 200 per dimension + 200. */
  readonly maxIterations?: number;
  /** Converged when max f − min f over the simplex ≤ fTolerance · max(1, |best f|). Default 1e-12. */
  readonly fTolerance?: number;
  /** …and every vertex is within xTolerance of the best in every coordinate. Default 1e-9. */
  readonly xTolerance?: number;
  /** Edge of the starting simplex along each axis (one number for all). Default 0.5. */
  readonly initialStep?: number | readonly number[];
  /** Fresh simplexes built around the best point after convergence, to escape a collapsed simplex. Default 2. */
  readonly restarts?: number;
  /** Optional box: points are clamped into [lower, upper] before f sees them. */
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly fx: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** False when maxIterations ran out before the tolerances were met. */
  readonly converged: boolean;
}

interface Vertex {
  x: number[];
  fx: number;
}

// The classic coefficients: reflection, expansion, contraction, shrink.
const reflection = 1;
const expansion = 2;
const contraction = 0.5;
const shrink = 0.5;

/**
 * Minimises f by the Nelder–Mead simplex method. Derivative-free, so it suits likelihoods with
 * special functions inside; it is not guaranteed to converge, hence the restarts and the
 * `converged` flag. A NaN from f counts as +∞, so the simplex walks away from invalid regions.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = start.length;
  if (n === 0 || !start.every(Number.isFinite)) {
    throw new CustomerValueError('CUSTOMER_VALUE_INVALID_PARAMETER', 'nelderMead needs a non-empty, finite start');
  }
  const maxIterations = options.maxIterations ?? 200 * n + 200;
  const fTolerance = options.fTolerance ?? 1e-12;
  const xTolerance = options.xTolerance ?? 1e-9;
  const restarts = options.restarts ?? 2;
  const steps = Array.from({ length: n }, (_, index) => {
    const step = typeof options.initialStep === 'number' ? options.initialStep : options.initialStep?.[index];
    return step ?? 0.5;
  });
  const lower = options.lower ?? [];
  const upper = options.upper ?? [];

  let evaluations = 0;
  const clamp = (x: number[]): number[] =>
    x.map((value, index) =>
      Math.min(upper[index] ?? Number.POSITIVE_INFINITY, Math.max(lower[index] ?? Number.NEGATIVE_INFINITY, value)),
    );
  const vertex = (x: number[]): Vertex => {
    const point = clamp(x);
    evaluations += 1;
    const value = f(point);
    return { x: point, fx: Number.isNaN(value) ? Number.POSITIVE_INFINITY : value };
  };

  const simplexAround = (centre: readonly number[]): Vertex[] => {
    const simplex = [vertex([...centre])];
    for (let axis = 0; axis < n; axis += 1) {
      const step = steps[axis] ?? 0.5;
      const moved = [...centre];
      moved[axis] = (moved[axis] ?? 0) + step;
      // At an upper bound the step would be clamped away: step the other way instead.
      if (clamp(moved)[axis] === centre[axis]) moved[axis] = (centre[axis] ?? 0) - step;
      simplex.push(vertex(moved));
    }
    return simplex;
  };

  let iterations = 0;
  let simplex = simplexAround(start);
  let converged = false;
  for (let run = 0; run <= restarts; run += 1) {
    const bestBefore = Math.min(...simplex.map((point) => point.fx));
    converged = false;
    while (iterations < maxIterations) {
      simplex.sort((left, right) => left.fx - right.fx);
      if (hasConverged(simplex, fTolerance, xTolerance)) {
        converged = true;
        break;
      }
      iterations += 1;
      simplex = move(simplex, vertex);
    }
    simplex.sort((left, right) => left.fx - right.fx);
    const best = simplex[0] as Vertex;
    if (!converged || run === restarts) break;
    // A restart that found nothing better means the minimum is real, not a collapsed simplex.
    if (run > 0 && !(best.fx < bestBefore - fTolerance * Math.max(1, Math.abs(bestBefore)))) break;
    simplex = simplexAround(best.x);
  }
  const best = simplex.reduce((left, right) => (right.fx < left.fx ? right : left));
  return { x: best.x, fx: best.fx, iterations, evaluations, converged };
}

function hasConverged(sorted: readonly Vertex[], fTolerance: number, xTolerance: number): boolean {
  const best = sorted[0] as Vertex;
  const worst = sorted[sorted.length - 1] as Vertex;
  if (!Number.isFinite(worst.fx)) return false;
  if (worst.fx - best.fx > fTolerance * Math.max(1, Math.abs(best.fx))) return false;
  return sorted.every((point) => point.x.every((value, index) => Math.abs(value - (best.x[index] ?? 0)) <= xTolerance));
}

/** One Nelder–Mead move on a simplex sorted best first; returns the new simplex. */
function move(sorted: Vertex[], vertex: (x: number[]) => Vertex): Vertex[] {
  const n = sorted.length - 1;
  const best = sorted[0] as Vertex;
  const worst = sorted[n] as Vertex;
  const secondWorst = sorted[n - 1] as Vertex;
  const centroid = new Array<number>(n).fill(0);
  for (let index = 0; index < n; index += 1) {
    const point = sorted[index] as Vertex;
    for (let axis = 0; axis < n; axis += 1) centroid[axis] = (centroid[axis] ?? 0) + (point.x[axis] ?? 0) / n;
  }
  const along = (coefficient: number): number[] =>
    centroid.map((value, axis) => value + coefficient * (value - (worst.x[axis] ?? 0)));
  const replaceWorst = (replacement: Vertex): Vertex[] => [...sorted.slice(0, n), replacement];

  const reflected = vertex(along(reflection));
  if (reflected.fx < best.fx) {
    const expanded = vertex(along(reflection * expansion));
    return replaceWorst(expanded.fx < reflected.fx ? expanded : reflected);
  }
  if (reflected.fx < secondWorst.fx) return replaceWorst(reflected);
  if (reflected.fx < worst.fx) {
    const outside = vertex(along(reflection * contraction));
    if (outside.fx <= reflected.fx) return replaceWorst(outside);
  } else {
    const inside = vertex(along(-contraction));
    if (inside.fx < worst.fx) return replaceWorst(inside);
  }
  return sorted.map((point, index) =>
    index === 0
      ? point
      : vertex(point.x.map((value, axis) => (best.x[axis] ?? 0) + shrink * (value - (best.x[axis] ?? 0)))),
  );
}
