// Input validation for every method. The mapped type makes a method without a schema,
// or a schema that drifts from the contract, a compile error.
import { z } from 'zod'
import { outputSpecSchema } from '../models/output-spec'
import type { MethodName, ParamsOf } from './contract'

const level = z.enum(['info', 'warn', 'error'])
const modelId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a model id is lowercase letters, digits and dashes')
const video = z.string().min(1).max(4096)
const size = z.number().int().min(16).max(4096)
const inputSize = z.number().int().min(1).max(4096)

const registerCommon = {
  id: modelId,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).optional(),
  spec: outputSpecSchema
}

const cameraId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a camera id is lowercase letters, digits and dashes')
const cameraSettings = z.strictObject({
  name: z.string().trim().min(1, 'give the camera a name').max(100),
  kind: z.enum(['file', 'stream', 'mjpeg', 'still', 'v4l2', 'folder']),
  location: z.string().trim().min(1, 'say where the camera is: a path, URL or device').max(4096),
  fps: z.number().min(1 / 3600, 'at least one frame an hour').max(60, 'at most 60 frames a second').optional(),
  width: size.optional(),
  height: size.optional(),
  pace: z.enum(['realtime', 'fast']).optional(),
  loop: z.boolean().optional()
})

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
  'models.register': z.discriminatedUnion('source', [
    z.strictObject({
      ...registerCommon,
      source: z.literal('tfjs'),
      folder: z.string().min(1).max(4096),
      format: z.enum(['graph', 'layers']),
      input: z.strictObject({ width: inputSize, height: inputSize, scale: z.enum(['0-1', '-1-1', '0-255']) }),
      postprocess: z.enum(['none', 'softmax', 'sigmoid']).optional()
    }),
    z.strictObject({ ...registerCommon, source: z.literal('command'), command: z.string().min(1).max(4096), args: z.array(z.string().max(4096)).max(100).optional() }),
    z.strictObject({
      ...registerCommon,
      source: z.literal('remote'),
      url: z.url({ protocol: /^https?$/, error: 'the URL must start with http:// or https://' }),
      remoteModel: z.string().min(1).max(200)
    })
  ]),
  'models.remove': z.strictObject({ modelId }),
  'models.setEnabled': z.strictObject({ modelId, enabled: z.boolean() }),
  'profiles.start': z
    .strictObject({
      videos: z.array(video).max(50).optional(),
      cameras: z.array(cameraId).max(50).optional(),
      models: z.array(modelId).min(1).max(100).optional(),
      every: z.number().int().min(1).max(10_000).optional(),
      maxFrames: z.number().int().min(1).max(100_000).optional(),
      width: size.optional(),
      height: size.optional()
    })
    .refine((p) => (p.videos?.length ?? 0) + (p.cameras?.length ?? 0) > 0, 'give at least one video or camera to profile'),
  'profiles.cancel': z.strictObject({ runId: z.number().int().positive() }),
  'profiles.list': z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
  'profiles.get': z.strictObject({ runId: z.number().int().positive() }),
  'links.train': z.strictObject({
    runId: z.number().int().positive(),
    epochs: z.number().int().min(1).max(10_000).optional(),
    patience: z.number().int().min(0).max(10_000).optional(),
    learningRate: z.number().positive().max(10).optional(),
    batchSize: z.number().int().min(1).max(4096).optional()
  }),
  'links.cancel': z.strictObject({ runId: z.number().int().positive() }),
  'links.matrix': z.strictObject({ runId: z.number().int().positive() }),
  'links.studyFractions': z.strictObject({ runId: z.number().int().positive() }),
  'links.predict': z.strictObject({
    runId: z.number().int().positive(),
    outputs: z.record(
      modelId,
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('vector'), values: z.array(z.number()).max(10_000) }),
        z.strictObject({ kind: z.literal('sequence'), tokens: z.array(z.string()).max(10_000) })
      ])
    ),
    ensemble: z.enum(['guarded', 'all']).optional()
  }),
  'runtime.start': z.strictObject({
    cameraId,
    runId: z.number().int().positive(),
    budget: z.number().positive(),
    costType: z.enum(['memory', 'latency']).optional(),
    selector: z.enum(['paper-greedy', 'exact', 'lazy-greedy']).optional(),
    reprofile: z.strictObject({ everyFrames: z.number().int().min(0).max(1_000_000), frames: z.number().int().min(1).max(100), retrainEvery: z.number().int().min(0).max(10_000).optional() }).optional()
  }),
  'runtime.stop': z.strictObject({}),
  'runtime.history': z.strictObject({ since: z.iso.datetime().optional(), until: z.iso.datetime().optional(), cameraId: z.string().max(200).optional() }),
  'profiles.report': z.strictObject({ runId: z.number().int().positive(), costType: z.enum(['memory', 'latency']).optional() }),
  'runtime.state': z.strictObject({}),
  'runtime.setBudget': z.strictObject({ budget: z.number().positive() }),
  'runtime.preview': z.strictObject({ budget: z.number().positive() }),
  'cameras.probe': cameraSettings.extend({ name: cameraSettings.shape.name.optional() }),
  'cameras.attach': cameraSettings,
  'cameras.detach': z.strictObject({ cameraId }),
  'cameras.list': z.strictObject({}),
  'cameras.snapshot': z.strictObject({ cameraId }),
  'models.profileCost': z.strictObject({
    modelId,
    video: video.optional(),
    frames: z.number().int().min(1).max(200).optional(),
    warmup: z.number().int().min(0).max(20).optional()
  })
}
