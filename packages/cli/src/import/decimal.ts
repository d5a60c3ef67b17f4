/**
 * A decimal string in major units ("49.99") as minor units (4999), by string arithmetic: never
 * through a float. Undefined when the text is not a plain decimal with at most `exponent` places.
 */
export function decimalToMinor(text: string, exponent: number): number | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > exponent && !/^0*$/.test(fraction.slice(exponent))) return undefined;
  const minor = Number(`${whole}${fraction.slice(0, exponent).padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) return undefined;
  return sign === '-' ? -minor : minor;
}

/** Shopify's "2024-01-15 10:23:45 -0500" as an ISO instant; undefined when it is not one. */
export function shopifyTime(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([+-]\d{2}):?(\d{2})$/.exec(text.trim());
  if (match === null) {
    const date = new Date(text);
    return text.trim() === '' || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  const [, day, time = '', hours, minutes] = match;
  const iso = `${day}T${time.length === 5 ? `${time}:00` : time}${hours}:${minutes}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
