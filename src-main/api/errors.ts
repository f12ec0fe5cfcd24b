// The one error shape that crosses every boundary, and the typed error that carries it.
// Pure: imported by the engine and the renderer alike.

export type ErrorCode =
  | 'invalid_params'
  | 'unknown_method'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal'

export interface ErrorShape {
  code: ErrorCode
  message: string
  details?: unknown
}

export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_params: 400,
  unknown_method: 404,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
  }

  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  static fromShape(shape: ErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.details)
  }
}

const codes = new Set<string>(Object.keys(httpStatusOf))

export function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && codes.has(v.code) && typeof v.message === 'string'
}
