/**
 * Where the first U+0000 inside `value` is: `data.lines.0.title`, or `data` for `value` itself;
 * undefined when there is none. PostgreSQL's `text` and `jsonb` cannot hold U+0000, so no store
 * takes it, anywhere. Walks plain values (parsed data, checked metadata): no JSON copy is made.
 */
export function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, `${path}.${index}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) return path;
      const found = findNul(item, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const NUL = '\u0000';
