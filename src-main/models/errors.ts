// Typed model errors: each names the model, says what happened and what to do, and knows which
// API error it becomes.
import { ApiError, type ErrorCode } from '../api/errors'

export type ModelErrorKind = 'unknown_model' | 'crashed' | 'timeout' | 'load_failed' | 'not_loaded' | 'output_mismatch' | 'cancelled' | 'infer_failed' | 'unreachable'

const apiCodes: Record<ModelErrorKind, ErrorCode> = {
  unknown_model: 'not_found',
  crashed: 'unavailable',
  timeout: 'unavailable',
  load_failed: 'unavailable',
  not_loaded: 'conflict',
  output_mismatch: 'unavailable',
  cancelled: 'unavailable',
  infer_failed: 'unavailable',
  unreachable: 'unavailable'
}

export class ModelError extends Error {
  override readonly name = 'ModelError'
  constructor(
    readonly kind: ModelErrorKind,
    readonly modelId: string,
    message: string
  ) {
    super(`Model '${modelId}': ${message}`)
  }

  toApiError(): ApiError {
    return new ApiError(apiCodes[this.kind], this.message, { modelId: this.modelId, reason: this.kind })
  }
}
