// Input validation for every method. The mapped type makes a method without a schema,
// or a schema that drifts from the contract, a compile error.
import { z } from 'zod'
import type { MethodName, ParamsOf } from './contract'

const level = z.enum(['info', 'warn', 'error'])
const modelId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a model id is lowercase letters, digits and dashes')
const video = z.string().min(1).max(4096)
const size = z.number().int().min(16).max(4096)

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
  }),
  'models.list': z.strictObject({}),
  'models.load': z.strictObject({ modelId }),
  'models.unload': z.strictObject({ modelId }),
  'models.infer': z.strictObject({
    modelId,
    video,
    frame: z.number().int().min(0).optional(),
    width: size.optional(),
    height: size.optional()
  }),
  'models.profileCost': z.strictObject({
    modelId,
    video: video.optional(),
    frames: z.number().int().min(1).max(200).optional(),
    warmup: z.number().int().min(0).max(20).optional()
  })
}
