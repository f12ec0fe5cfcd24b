import { ApiError } from '../api/errors'

/** A camera source that cannot be used as given: says what was wrong and what is expected. */
export class SourceError extends Error {
  override readonly name = 'SourceError'
  constructor(
    message: string,
    /** Which setting was wrong, when one was. */
    readonly field: 'location' | 'kind' | null = 'location'
  ) {
    super(message)
  }

  toApiError(): ApiError {
    return new ApiError('invalid_params', this.message, this.field ? { issues: [{ path: this.field, message: this.message }] } : undefined)
  }
}
