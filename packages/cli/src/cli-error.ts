/** A mistake the user can fix (a bad flag, a bad file): exit code 1, one line saying what to do. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** What a file-system error code means for the path the user gave. */
const fileProblems: Readonly<Record<string, string>> = {
  ENOENT: 'there is no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of that path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/**
 * A file-system error about a path the user named (a missing file, a folder given as a file, an
 * output folder that does not exist) in one line, as a user's mistake; undefined for anything else.
 * One rule for every command, so no reader or writer of files can leak a stack for these.
 */
export function fileMistakeOf(error: unknown): UserError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  const problem = fileProblems[code];
  return problem === undefined ? undefined : new UserError(`cannot use ${path}: ${problem}`);
}
