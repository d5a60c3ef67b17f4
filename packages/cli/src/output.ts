/** A plain text table: left-aligned text, right-aligned numbers, a rule under the header. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

/** Minor units as a decimal string: 1250 EUR → "12.50". */
export function amount(minor: number, exponent = 2): string {
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export function section(title: string, body: string): string {
  return `${title}\n${body}\n`;
}

/** JSON for machines: positions and amounts are plain numbers already, dates ISO strings. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A table of at most `limit` rows, and a line saying how many were left out: text never cuts a
 * list without saying so (`--limit N` or `--all` show more; `--json` never cuts).
 */
export function tableOf<T>(
  headers: readonly string[],
  rows: readonly T[],
  limit: number,
  cells: (row: T) => readonly (string | number)[],
): string {
  const shown = table(headers, rows.slice(0, limit).map(cells));
  return rows.length > limit ? `${shown}\n… and ${rows.length - limit} more (--limit N or --all shows them)` : shown;
}
