// Input validation for every method. The mapped type makes a method without a schema,
// or a schema that drifts from the contract, a compile error.
import { z } from 'zod'
import type { MethodName, ParamsOf } from './contract'

const level = z.enum(['info', 'warn', 'error'])

export const paramSchemas: { [M in MethodName]: z.ZodType<ParamsOf<M>> } = {
  'system.info': z.strictObject({}),
  'journal.list': z.strictObject({
    limit: z.number().int().min(1).max(500).optional(),
    beforeId: z.number().int().positive().optional(),
    level: level.optional(),
    source: z.string().min(1).max(100).optional()
  }),
  'journal.note': z.strictObject({
    message: z.string().trim().min(1, 'a note needs some text').max(2000),
    level: level.optional()
  })
}
