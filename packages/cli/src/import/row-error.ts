/** Where in an import file something is: its line, and for a CSV the column and the order. */
export interface RowSource {
  readonly line: number;
  readonly column?: string;
  /** The order the row belongs to, when known: with --skip-invalid the whole order is skipped. */
  readonly order?: string;
}

/** A problem with one row of an import file: where it is and what is wrong. */
export interface RowProblem extends RowSource {
  readonly reason: string;
}

export function describeProblem(file: string, problem: RowProblem): string {
  const column = problem.column === undefined ? '' : `, column "${problem.column}"`;
  const order = problem.order === undefined ? '' : ` (order ${problem.order})`;
  return `${file}:${problem.line}${column}${order}: ${problem.reason}`;
}
