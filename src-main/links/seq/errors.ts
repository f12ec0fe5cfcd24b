// One error type for the sequence links, so callers can tell a bad input from a TF.js failure.

/** Raised when sequence-link inputs or weights do not match what the link was built for. */
export class SequenceLinkError extends Error {
  override readonly name = 'SequenceLinkError'
}
