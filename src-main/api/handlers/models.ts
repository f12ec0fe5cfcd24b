import { DEFAULT_FRAME_SIZE } from '../../models/frame'
import type { ModelManager } from '../../models/model-manager'
import { definitionFromRegistration } from '../../models/registration'
import { sampleVideo } from '../../sources/samples'
import { readFrames } from '../../sources/video-frames'
import { ApiError } from '../errors'
import type { Handlers } from '../router'

export const DEFAULT_COST_VIDEO = 'classroom.gif'

type ModelMethods = 'models.list' | 'models.load' | 'models.unload' | 'models.infer' | 'models.profileCost' | 'models.register' | 'models.remove' | 'models.setEnabled'

export function modelHandlers(models: ModelManager): Pick<Handlers, ModelMethods> {
  const summary = (id: string) => models.summary(models.definition(id))
  return {
    'models.list': async () => ({ models: models.list() }),
    'models.load': async ({ modelId }) => {
      await models.load(modelId)
      return summary(modelId)
    },
    'models.unload': async ({ modelId }) => {
      models.definition(modelId)
      await models.unload(modelId)
      return summary(modelId)
    },
    'models.infer': async (p) => {
      models.definition(p.modelId)
      const frames = await framesOf(p.video, { start: p.frame ?? 0, maxFrames: 1, width: p.width ?? DEFAULT_FRAME_SIZE.width, height: p.height ?? DEFAULT_FRAME_SIZE.height })
      const [result] = await models.infer(p.modelId, frames)
      const frame = frames[0]!
      return { modelId: p.modelId, frame: { source: frame.source, seq: frame.seq, width: frame.width, height: frame.height }, output: result!.output, raw: result!.raw, inferMs: result!.inferMs }
    },
    'models.register': async (p) => models.register(definitionFromRegistration(p)),
    'models.setEnabled': async ({ modelId, enabled }) => models.setEnabled(modelId, enabled),
    'models.remove': async ({ modelId }) => {
      await models.remove(modelId)
      return { removed: modelId }
    },
    'models.profileCost': async (p) => {
      models.definition(p.modelId)
      const warmup = p.warmup ?? 2
      const frames = await framesOf(p.video ?? sampleVideo(DEFAULT_COST_VIDEO), { maxFrames: (p.frames ?? 10) + warmup, ...DEFAULT_FRAME_SIZE })
      return models.profileCost(p.modelId, frames, warmup)
    }
  }
}

async function framesOf(video: string, options: Parameters<typeof readFrames>[1]) {
  let frames
  try {
    frames = await readFrames(video, options)
  } catch (err) {
    throw new ApiError('invalid_params', err instanceof Error ? err.message : String(err), { video })
  }
  if (frames.length === 0) throw new ApiError('invalid_params', `${video} has no frame ${options.start ?? 0}.`, { video })
  return frames
}
