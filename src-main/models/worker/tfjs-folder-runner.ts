// Runs a user's TF.js graph or layers model folder: frame -> resize -> scale -> model -> first
// output -> optional softmax/sigmoid -> a vector checked against the folder's output spec.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { selectBackend } from '../../tfjs/backend'
import type { TfjsFolderDefinition } from '../definition'
import type { LoadedModel } from './loaded-model'

interface WeightsGroup {
  paths: string[]
  weights: unknown[]
}

interface ModelJson {
  modelTopology?: unknown
  weightsManifest?: WeightsGroup[]
  format?: string
  generatedBy?: string
  convertedBy?: string
  signature?: unknown
  userDefinedMetadata?: Record<string, unknown>
  modelInitializer?: unknown
}

export async function loadTfjsFolder(def: TfjsFolderDefinition): Promise<LoadedModel> {
  const { tf, report } = await selectBackend()
  const modelPath = join(def.folder, 'model.json')
  let json: ModelJson
  try {
    json = JSON.parse(await readFile(modelPath, 'utf8')) as ModelJson
  } catch (err) {
    throw new Error(`cannot read ${modelPath} as JSON (${err instanceof Error ? err.message : String(err)}); the folder must hold a TF.js model.json`)
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${modelPath} is not a TF.js model: it needs modelTopology and weightsManifest`)
  }
  const buffers: Buffer[] = []
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      try {
        buffers.push(await readFile(join(def.folder, p)))
      } catch {
        throw new Error(`weight file ${p} listed in ${modelPath} is missing or unreadable`)
      }
    }
  }
  const whole = Buffer.concat(buffers)
  const artifacts = {
    modelTopology: json.modelTopology as object,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as never,
    weightData: whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength),
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature as object | undefined,
    userDefinedMetadata: json.userDefinedMetadata,
    modelInitializer: json.modelInitializer as object | undefined
  }
  const before = tf.memory().numBytes
  const handler = tf.io.fromMemory(artifacts)
  let predict: (x: import('@tensorflow/tfjs').Tensor) => import('@tensorflow/tfjs').Tensor
  try {
    if (def.format === 'graph') {
      const model = await tf.loadGraphModel(handler)
      predict = (x) => {
        const y = model.predict(x)
        return Array.isArray(y) ? y[0]! : y instanceof tf.Tensor ? y : Object.values(y)[0]!
      }
    } else {
      const model = await tf.loadLayersModel(handler)
      predict = (x) => {
        const y = model.predict(x)
        return Array.isArray(y) ? y[0]! : y
      }
    }
  } catch (err) {
    throw new Error(`TF.js could not load ${modelPath} as a ${def.format} model: ${err instanceof Error ? err.message : String(err)}`)
  }
  const weightsBytes = tf.memory().numBytes - before

  const run = (frame: { width: number; height: number; rgb: Uint8Array }) =>
    tf.tidy(() => {
      const image = tf.tensor3d(frame.rgb, [frame.height, frame.width, 3], 'int32').toFloat()
      const resized = tf.image.resizeBilinear(image, [def.input.height, def.input.width])
      const scaled = def.input.scale === '0-1' ? resized.div(255) : def.input.scale === '-1-1' ? resized.div(127.5).sub(1) : resized
      let y = predict(scaled.expandDims(0)).flatten()
      if (def.postprocess === 'softmax') y = tf.softmax(y)
      if (def.postprocess === 'sigmoid') y = tf.sigmoid(y)
      return y
    })

  return {
    backend: report,
    weightsBytes,
    async infer(frame) {
      const y = run(frame)
      const values = Array.from(await y.data())
      y.dispose()
      return { output: { kind: 'vector', values }, raw: { values } }
    },
    async peakTensorBytes(frame) {
      const info = await tf.profile(async () => {
        const y = run(frame)
        await y.data()
        y.dispose()
      })
      return info.peakBytes
    },
    tensorMemory() {
      const m = tf.memory()
      return { bytes: m.numBytes, tensors: m.numTensors }
    }
  }
}
