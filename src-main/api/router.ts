// The one implementation of the contract: looks a method up, validates its params, runs its
// handler, and turns whatever went wrong into an ApiError. Every transport calls `call`.
import type { z } from 'zod'
import type { MethodName, ParamsOf, ResultOf } from './contract'
import { ApiError } from './errors'
import { paramSchemas } from './schemas'

export type Handlers = {
  [M in MethodName]: (params: ParamsOf<M>) => Promise<ResultOf<M>>
}

export interface RouterLog {
  error(message: string, details?: Record<string, unknown>): void
}

export class Router {
  constructor(
    private readonly handlers: Handlers,
    private readonly log: RouterLog
  ) {}

  has(method: string): method is MethodName {
    return Object.hasOwn(this.handlers, method)
  }

  /** Validates and runs one call. Always rejects with an ApiError. */
  async call(method: string, params: unknown): Promise<unknown> {
    if (!this.has(method)) {
      throw new ApiError('unknown_method', `Unknown method '${method}'.`, { known: Object.keys(this.handlers) })
    }
    const schema = paramSchemas[method] as z.ZodType
    const parsed = schema.safeParse(params ?? {})
    if (!parsed.success) {
      throw new ApiError('invalid_params', `Invalid params for '${method}': ${summarize(parsed.error)}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
      })
    }
    const handler = this.handlers[method] as (p: unknown) => Promise<unknown>
    try {
      return await handler(parsed.data)
    } catch (err) {
      if (err instanceof ApiError) throw err
      if (isApiErrorSource(err)) throw err.toApiError()
      const message = err instanceof Error ? err.message : String(err)
      this.log.error(`method ${method} failed: ${message}`, { method })
      throw new ApiError('internal', `'${method}' failed inside the engine: ${message}`)
    }
  }
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ')
}

/** Domain errors that know which API error they are (e.g. ModelError). */
interface ApiErrorSource {
  toApiError(): ApiError
}

function isApiErrorSource(err: unknown): err is ApiErrorSource {
  return typeof err === 'object' && err !== null && typeof (err as Partial<ApiErrorSource>).toApiError === 'function'
}
