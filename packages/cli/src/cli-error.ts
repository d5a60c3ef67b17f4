/** A mistake the user can fix (a bad flag, a bad file): exit code 1, one line saying what to do. */
export class UserError extends Error {
  override readonly name = 'UserError';
}
