import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead';

const rosenbrock = (x: readonly number[]): number => {
  let sum = 0;
  for (let index = 0; index + 1 < x.length; index += 1) {
    const here = x[index] ?? 0;
    const next = x[index + 1] ?? 0;
    sum += 100 * (next - here * here) ** 2 + (1 - here) ** 2;
  }
  return sum;
};

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum (1, 1) from the classic start (−1.2, 1)', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.fx).toBeLessThan(1e-12);
  });

  it('finds the 4-dimensional Rosenbrock minimum (the size of a BG/NBD fit)', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1, -1.2, 1], { maxIterations: 5000 });
    expect(result.converged).toBe(true);
    for (const value of result.x) expect(value).toBeCloseTo(1, 5);
  });

  it('finds the minimum of a scaled quadratic, with its value', () => {
    const centre = [1, -2, 3.5];
    const weights = [1, 10, 0.1];
    const quadratic = (x: readonly number[]) =>
      7 + x.reduce((sum, value, index) => sum + (weights[index] ?? 0) * (value - (centre[index] ?? 0)) ** 2, 0);
    const result = nelderMead(quadratic, [0, 0, 0]);
    expect(result.converged).toBe(true);
    for (const [index, value] of result.x.entries()) expect(value).toBeCloseTo(centre[index] ?? 0, 6);
    expect(result.fx).toBeCloseTo(7, 12);
  });

  it('stays in the box: a minimum outside lands on the bound', () => {
    const result = nelderMead((x) => (x[0] ?? 0) ** 2 + ((x[1] ?? 0) - 5) ** 2, [0.5, 0.5], {
      lower: [-1, -1],
      upper: [1, 2],
    });
    expect(result.x[0]).toBeCloseTo(0, 6);
    expect(result.x[1]).toBeCloseTo(2, 9);
    expect(result.fx).toBeCloseTo(9, 9);
  });

  it('walks away from NaN regions', () => {
    const result = nelderMead((x) => ((x[0] ?? 0) < 0 ? Number.NaN : ((x[0] ?? 0) - 0.1) ** 2), [2]);
    expect(result.x[0]).toBeCloseTo(0.1, 6);
  });

  it('reports non-convergence when the iteration cap runs out', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(5);
  });

  it('refuses an empty or non-finite start', () => {
    expect(() => nelderMead(rosenbrock, [])).toThrow(/non-empty, finite start/);
    expect(() => nelderMead(rosenbrock, [Number.NaN, 1])).toThrow(/non-empty, finite start/);
  });
});
