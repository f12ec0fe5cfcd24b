// Entry of a model worker process (bundled to out/main/worker.js, forked by the model host).
// One model per process, so stopping the process gives all of its memory back.
// Calls run one at a time in arrival order; a cancelled call is answered at once and its late
// result dropped.
import type { WorkerDefinition } from '../definition'
import { checkOutput, OutputMismatchError } from '../output-spec'
import type { FromWorker, InferredOutput, ToWorker, WireError, WorkerCall, WorkerCallResult } from '../protocol'
import { loadWorkerModel } from './load'
import type { LoadedModel } from './loaded-model'

// Libraries print to stdout; keep it for humans reading logs, never mixed with protocol output.
console.log = (...args: unknown[]) => console.error(...args)

let model: LoadedModel | undefined
let definition: WorkerDefinition | undefined
const queue: ({ id: number } & WorkerCall)[] = []
const cancelled = new Set<number>()
let draining = false

function send(message: FromWorker): void {
  process.send?.(message)
}

class CallError extends Error {
  constructor(readonly code: WireError['code'], message: string) {
    super(message)
  }
}

async function load(def: WorkerDefinition): Promise<void> {
  const started = performance.now()
  try {
    model = await loadWorkerModel(def)
    definition = def
    send({ type: 'ready', backend: model.backend, weightsBytes: model.weightsBytes, loadMs: Math.round(performance.now() - started) })
  } catch (err) {
    send({ type: 'failed', error: { code: 'load_failed', message: err instanceof Error ? err.message : String(err) } })
    process.exitCode = 3
    process.disconnect?.()
  }
}

async function run(call: WorkerCall): Promise<WorkerCallResult> {
  if (!model || !definition) throw new CallError('bad_message', 'the model is not loaded yet')
  switch (call.op) {
    case 'infer': {
      const outputs: InferredOutput[] = []
      for (const frame of call.frames) {
        const started = performance.now()
        let result
        try {
          result = await model.infer(frame)
        } catch (err) {
          throw new CallError('infer_failed', err instanceof Error ? err.message : String(err))
        }
        try {
          checkOutput(definition.spec, result.output)
        } catch (err) {
          if (err instanceof OutputMismatchError) throw new CallError('output_mismatch', `the output does not match the declared spec: ${err.message}`)
          throw err
        }
        outputs.push({ ...result, inferMs: performance.now() - started })
      }
      return { op: 'infer', outputs }
    }
    case 'cost': {
      const latenciesMs: number[] = []
      for (const [i, frame] of call.frames.entries()) {
        const started = performance.now()
        await model.infer(frame)
        if (i >= call.warmup) latenciesMs.push(performance.now() - started)
      }
      const first = call.frames[0]
      const peakTensorBytes = first ? await model.peakTensorBytes(first) : model.weightsBytes
      return { op: 'cost', sample: { weightsBytes: model.weightsBytes, peakTensorBytes, latenciesMs } }
    }
    case 'health': {
      const memory = model.tensorMemory()
      return { op: 'health', rssBytes: process.memoryUsage.rss(), tensorBytes: memory.bytes, tensors: memory.tensors }
    }
  }
}

async function drain(): Promise<void> {
  if (draining) return
  draining = true
  while (queue.length > 0) {
    const { id, ...call } = queue.shift()!
    try {
      const value = await run(call as WorkerCall)
      if (!cancelled.delete(id)) send({ type: 'result', id, ok: true, value })
    } catch (err) {
      const error: WireError = err instanceof CallError ? { code: err.code, message: err.message } : { code: 'infer_failed', message: String(err) }
      if (!cancelled.delete(id)) send({ type: 'result', id, ok: false, error })
    }
  }
  draining = false
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'load':
      void load(message.definition)
      break
    case 'call':
      queue.push(message)
      void drain()
      break
    case 'cancel': {
      const queued = queue.findIndex((c) => c.id === message.id)
      if (queued >= 0) queue.splice(queued, 1)
      else cancelled.add(message.id)
      send({ type: 'result', id: message.id, ok: false, error: { code: 'cancelled', message: 'cancelled by the caller' } })
      break
    }
    case 'shutdown':
      process.exit(0)
  }
})

// The manager is gone: nobody will ever ask for this model again.
process.on('disconnect', () => process.exit(0))
