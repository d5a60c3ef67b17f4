/**
 * RFC 9457 problem details: every error this API answers is one, as `application/problem+json`.
 * `type` is a URI reference naming the kind of problem (relative: resolved against the API's
 * own address); `code` is the ledger's error code where the ledger refused, so a client branches
 * on the same codes an embedding program does.
 */
export interface FieldIssue {
  /** Where in the request: a dotted path into the JSON body (`lines.0.quantity`), a header or a query parameter. */
  readonly path: string;
  readonly reason: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code?: string;
  /** For a request that fails validation: each failing field. */
  readonly errors?: readonly FieldIssue[];
}

export const problemContentType = 'application/problem+json';

/** A problem's `type`: one page per kind, named after the code in lower case with dashes. */
export function problemType(code: string): string {
  return `/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { ...headers, 'content-type': problemContentType },
  });
}

/** A problem found while handling a request (bad JSON, an unknown order, a stale If-Match): thrown, answered as is. */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

/** A problem with the request itself, found before the ledger saw it: 400 for what cannot be read, 422 for what reads but is wrong. */
export function requestProblem(
  status: 400 | 404 | 409 | 412 | 422,
  code: string,
  title: string,
  detail: string,
  errors?: readonly FieldIssue[],
): ProblemError {
  return new ProblemError({
    type: problemType(code),
    title,
    status,
    detail,
    code,
    ...(errors === undefined ? {} : { errors }),
  });
}
