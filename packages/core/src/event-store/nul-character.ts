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

/**
 * Whether U+0000 is anywhere inside `value`: the question every append asks of its data, answered
 * without building a path for every field (findNul names the place once the answer is yes).
 */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) if (containsNul(value[index])) return true;
    return false;
  }
  for (const key of Object.keys(value)) {
    if (key.includes(NUL) || containsNul((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

export const NUL = '\u0000';
