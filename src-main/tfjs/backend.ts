// Picks the fastest TF.js backend this process can run: tfjs-node-gpu, tfjs-node, wasm, then
// the pure-JS cpu backend, and says which one runs and why the others were passed over.
// tfjs-node(-gpu) are optional: their install downloads libtensorflow, which fails offline.
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import type { BackendReport } from '../api/contract'

type Tf = typeof import('@tensorflow/tfjs')

export type BackendName = BackendReport['name']

/** Loads TF.js and activates the best backend; resolves the same report on every later call. */
export async function selectBackend(options: { allow?: readonly BackendName[] } = {}): Promise<{ tf: Tf; report: BackendReport }> {
  const allow = new Set(options.allow ?? ['tensorflow', 'wasm', 'cpu'])
  const passedOver: BackendReport['passedOver'] = []
  // Imported dynamically so the bundler leaves the optional native packages alone.
  const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name)

  if (allow.has('tensorflow')) {
    for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        await load(pkg)
        const tf = (await import('@tensorflow/tfjs')) as Tf
        if (await tf.setBackend('tensorflow')) {
          await tf.ready()
          return { tf, report: { name: 'tensorflow', gpu: pkg.endsWith('-gpu'), passedOver } }
        }
        passedOver.push({ name: pkg, reason: 'loaded but the tensorflow backend did not initialise' })
      } catch (err) {
        passedOver.push({ name: pkg, reason: firstLine(err) })
      }
    }
  }
  const tf = (await import('@tensorflow/tfjs')) as Tf
  if (allow.has('wasm')) {
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm')
      wasm.setWasmPaths(wasmDistFolder())
      if (await tf.setBackend('wasm')) {
        await tf.ready()
        return { tf, report: { name: 'wasm', gpu: false, passedOver } }
      }
      passedOver.push({ name: 'wasm', reason: 'the wasm backend did not initialise' })
    } catch (err) {
      passedOver.push({ name: 'wasm', reason: firstLine(err) })
    }
  }
  await tf.setBackend('cpu')
  await tf.ready()
  return { tf, report: { name: 'cpu', gpu: false, passedOver } }
}

function wasmDistFolder(): string {
  const requireHere = createRequire(import.meta.url)
  return dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm')) + '/'
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  return text.split('\n')[0] ?? text
}
