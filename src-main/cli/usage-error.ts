/** A command line that cannot be run as written; exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
