// Writes a real (tiny) TF.js layers model folder: model.json + weights.bin, as tfjs saves them.
import * as tf from '@tensorflow/tfjs'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A model mapping a 8x8 RGB image to `outputs` softmax scores. */
export async function writeTinyLayersModel(folder: string, outputs: number): Promise<void> {
  await tf.setBackend('cpu')
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [8, 8, 3] }), tf.layers.dense({ units: outputs, activation: 'softmax' })]
  })
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      mkdirSync(folder, { recursive: true })
      const weights = artifacts.weightData as ArrayBuffer
      writeFileSync(join(folder, 'weights.bin'), Buffer.from(weights))
      writeFileSync(
        join(folder, 'model.json'),
        JSON.stringify({ modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] })
      )
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    })
  )
  model.dispose()
}
