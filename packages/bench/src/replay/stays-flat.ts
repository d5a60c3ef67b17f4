/**
 * Flat: the memory does not grow with the history. Read here as: the highest sample of the second
 * half of the replay is at most 10% above the highest of the first half (the first half includes
 * the board filling up to its retention, after which it should hold steady).
 */
export function staysFlat(values: readonly number[]): boolean {
  if (values.length < 2) return true;
  const half = Math.ceil(values.length / 2);
  return Math.max(...values.slice(half)) <= Math.max(...values.slice(0, half)) * 1.1;
}
