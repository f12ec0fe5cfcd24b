// A model behind a KServe v2 / Triton HTTP server, through the same ModelInstance interface as
// our own worker processes. There is no process to restart: 'crashed' means the server stopped
// answering, and the next call first checks it again (health and metadata) before inferring.
import type { BackendReport } from '../../api/contract'
import type { RemoteDefinition } from '../definition'
import { ModelError, type ModelErrorKind } from '../errors'
import type { Frame } from '../frame'
import type { CallOptions, CrashReason } from '../instance'
import { InstanceBase } from '../instance-base'
import type { InferredOutput, WorkerCostSample } from '../protocol'
import { FRAME_INPUT, inferResponseSchema, inputMetadataProblem, modelMetadataSchema, outputMetadataProblem, tensorToOutput } from './kserve-wire'

export interface RemoteModelOptions {
  /** Per-call limit when the caller gives none. Default 30 s. */
  callTimeoutMs?: number
  /** Limit for the health and metadata checks of start(). Default 10 s. */
  startTimeoutMs?: number
  /** Largest response body read. Default 16 MiB. */
  maxResponseBytes?: number
}

const BACKEND: BackendReport = { name: 'remote', gpu: false, passedOver: [] }

/** Thrown inside a request; turned into a ModelError plus a state change by `failure()`. */
class RequestProblem extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly state?: { state: 'crashed' | 'failed'; crash?: CrashReason }
  ) {
    super(message)
  }
}

export class RemoteModel extends InstanceBase<RemoteDefinition> {
  private stopped = new AbortController()
  private inputName = FRAME_INPUT
  private outputName: string | undefined
  private inFlight = 0
  private nextRequestId = 1
  private readonly base: string

  constructor(
    definition: RemoteDefinition,
    private readonly options: RemoteModelOptions = {}
  ) {
    super(definition)
    this.base = `${definition.url.replace(/\/+$/, '')}/v2`
  }

  async infer(frames: Frame[], options: CallOptions = {}): Promise<InferredOutput[]> {
    return this.call(options.timeoutMs ?? this.callTimeoutMs(), options.signal, async (signal) => {
      const outputs: InferredOutput[] = []
      for (const frame of frames) outputs.push(await this.post(frame, signal))
      return outputs
    })
  }

  async cost(frames: Frame[], warmup: number, options: CallOptions = {}): Promise<WorkerCostSample> {
    const timeoutMs = options.timeoutMs ?? this.callTimeoutMs() * Math.max(1, frames.length)
    return this.call(timeoutMs, options.signal, async (signal) => {
      const latenciesMs: number[] = []
      for (const [i, frame] of frames.entries()) {
        const started = performance.now()
        await this.post(frame, signal)
        if (i >= warmup) latenciesMs.push(performance.now() - started)
      }
      // The weights live on the server: the console's GPU budget does not pay for them.
      return { weightsBytes: 0, peakTensorBytes: 0, latenciesMs }
    })
  }

  async stop(): Promise<void> {
    this.stopped.abort()
    this.stopped = new AbortController()
    if (this.current.state !== 'failed') this.update({ state: 'exited' })
  }

  private callTimeoutMs(): number {
    return this.options.callTimeoutMs ?? 30_000
  }

  protected async launch(): Promise<void> {
    this.update({ state: 'starting', backend: null, weightsBytes: null })
    const timeoutMs = this.options.startTimeoutMs ?? 10_000
    const signal = AbortSignal.any([this.stopped.signal, AbortSignal.timeout(timeoutMs)])
    try {
      const health = await this.request('GET', '/health/ready', undefined, signal)
      if (health.status !== 200) {
        throw new RequestProblem('unreachable', `the server at ${this.definition.url} is not ready (HTTP ${health.status} from /v2/health/ready); start it or wait, then load again`, {
          state: 'crashed',
          crash: { kind: 'unreachable', message: `HTTP ${health.status} from /v2/health/ready` }
        })
      }
      const meta = await this.request('GET', `/models/${encodeURIComponent(this.definition.remoteModel)}`, undefined, signal)
      if (meta.status !== 200) {
        throw this.loadProblem(`the server at ${this.definition.url} has no model '${this.definition.remoteModel}' (HTTP ${meta.status}${serverMessage(meta.body)}); check the remote model name`)
      }
      const parsed = modelMetadataSchema.safeParse(parseJson(meta.body))
      if (!parsed.success) throw this.loadProblem(`the server's metadata for '${this.definition.remoteModel}' is not KServe v2 model metadata: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
      const output = parsed.data.outputs[0]!
      const problem = inputMetadataProblem(parsed.data.inputs[0]) ?? outputMetadataProblem(this.definition.spec, output)
      if (problem) throw this.loadProblem(`'${this.definition.remoteModel}' ${problem}. Fix the output spec or pick the matching model`)
      this.inputName = parsed.data.inputs[0]?.name ?? FRAME_INPUT
      this.outputName = output.name
      this.update({ state: 'ready', backend: BACKEND, weightsBytes: 0, lastError: null })
    } catch (err) {
      throw this.failure(err, timeoutMs)
    }
  }

  private loadProblem(message: string): RequestProblem {
    return new RequestProblem('load_failed', message, { state: 'failed', crash: { kind: 'load_failed', message } })
  }

  private async call<T>(timeoutMs: number, callerSignal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.current.state === 'crashed' || this.current.state === 'starting') await this.start()
    if (this.current.state !== 'ready' && this.current.state !== 'busy') {
      throw this.error('not_loaded', `is ${this.current.state}, not ready: load it first${this.current.lastError ? ` (last error: ${this.current.lastError})` : ''}`)
    }
    if (callerSignal?.aborted) throw this.error('cancelled', 'the call was cancelled')
    const signals = [this.stopped.signal, AbortSignal.timeout(timeoutMs), ...(callerSignal ? [callerSignal] : [])]
    this.inFlight++
    this.update({ state: 'busy' })
    try {
      return await run(AbortSignal.any(signals))
    } catch (err) {
      throw this.failure(err, timeoutMs, callerSignal)
    } finally {
      this.inFlight--
      if (this.inFlight === 0 && this.current.state === 'busy') this.update({ state: 'ready' })
    }
  }

  private async post(frame: Frame, signal: AbortSignal): Promise<InferredOutput> {
    const id = String(this.nextRequestId++)
    const body = JSON.stringify({
      id,
      inputs: [{ name: this.inputName, shape: [1, frame.height, frame.width, 3], datatype: 'UINT8', data: Array.from(frame.rgb) }]
    })
    const started = performance.now()
    const reply = await this.request('POST', `/models/${encodeURIComponent(this.definition.remoteModel)}/infer`, body, signal)
    const inferMs = performance.now() - started
    if (reply.status !== 200) throw new RequestProblem('infer_failed', `the server answered HTTP ${reply.status}${serverMessage(reply.body)}`)
    const lying = (why: string): RequestProblem =>
      new RequestProblem('output_mismatch', `the server's answer does not match the declared spec: ${why}`, { state: 'failed' })
    const json = parseJson(reply.body)
    if (json === undefined) throw lying(`the body is not JSON (${JSON.stringify(reply.body.slice(0, 80))})`)
    const parsed = inferResponseSchema.safeParse(json)
    if (!parsed.success) throw lying(`not a KServe v2 inference response: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    if (parsed.data.id !== undefined && parsed.data.id !== id) throw lying(`it answers request '${parsed.data.id}' to request '${id}'`)
    const outputs = parsed.data.outputs
    const tensor = outputs.find((o) => o.name === this.outputName) ?? (outputs.length === 1 ? outputs[0] : undefined)
    if (!tensor) throw lying(`no output named '${this.outputName}' among ${outputs.map((o) => `'${o.name}'`).join(', ')}`)
    try {
      return { output: tensorToOutput(this.definition.spec, tensor), raw: rawOf(tensor.parameters), inferMs }
    } catch (err) {
      throw lying(err instanceof Error ? err.message : String(err))
    }
  }

  /** One HTTP exchange with a bounded response body. */
  private async request(method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal): Promise<{ status: number; body: string }> {
    const headers = body === undefined ? undefined : { 'content-type': 'application/json' }
    const res = await fetch(this.base + path, { method, body, headers, signal })
    return { status: res.status, body: await readBounded(res, this.options.maxResponseBytes ?? 16 * 1024 * 1024) }
  }

  /** The typed error for anything a request threw, with the state change it implies. */
  private failure(err: unknown, timeoutMs: number, callerSignal?: AbortSignal): ModelError {
    if (err instanceof ModelError) return err
    if (err instanceof RequestProblem) {
      if (err.state) this.update({ state: err.state.state, lastCrash: err.state.crash ?? this.current.lastCrash, lastError: err.message })
      return this.error(err.kind, err.message)
    }
    if (callerSignal?.aborted) return this.error('cancelled', 'the call was cancelled')
    const name = err instanceof Error ? err.name : ''
    if (name === 'TimeoutError') {
      const message = `the server at ${this.definition.url} did not answer within ${timeoutMs} ms`
      this.update({ state: 'crashed', lastCrash: { kind: 'hung', timeoutMs }, lastError: message })
      return this.error('timeout', `${message}; the next call checks it again`)
    }
    if (name === 'AbortError') return this.error('cancelled', 'the model was stopped during the call')
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err)
    const message = `cannot reach the server at ${this.definition.url} (${cause}); check that it runs and the URL, then load again`
    this.update({ state: 'crashed', lastCrash: { kind: 'unreachable', message: cause }, lastError: message })
    return this.error('unreachable', message)
  }

}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function serverMessage(body: string): string {
  const json = parseJson(body)
  const message = typeof json === 'object' && json !== null && 'error' in json ? String(json.error) : ''
  return message ? `: ${message}` : ''
}

function rawOf(parameters: Record<string, unknown> | undefined): unknown {
  const raw = parameters?.raw
  return typeof raw === 'string' ? (parseJson(raw) ?? null) : null
}

async function readBounded(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return ''
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body.getReader()
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw new RequestProblem('output_mismatch', `the server's answer is larger than ${maxBytes} bytes`, { state: 'failed' })
    }
    chunks.push(read.value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
