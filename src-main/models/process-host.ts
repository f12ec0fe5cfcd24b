// One model process: explicit states, typed crash reasons, calls with ids, timeouts and abort
// signals, stop = ask, wait, kill, and restart after a crash with bounded exponential backoff.
import type { ModelDefinition } from './definition'
import type { Frame } from './frame'
import type { ChannelFactory, WorkerChannel } from './channel'
import type { CallOptions, CrashReason } from './instance'
import { InstanceBase } from './instance-base'
import type { FromWorker, InferredOutput, WireError, WorkerCall, WorkerCallResult, WorkerCostSample } from './protocol'

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

export interface HostOptions {
  definition: ModelDefinition
  /** Starts the process and returns its channel. */
  spawn: ChannelFactory
  /** Per-call limit; a worker that exceeds it is taken as hung, killed and restarted. Default 30 s. */
  callTimeoutMs?: number
  /** Limit for loading the model. Default 120 s. */
  loadTimeoutMs?: number
  /** How long stop() waits after asking before it kills. Default 3 s. */
  stopTimeoutMs?: number
  /** Consecutive crashes restarted before giving up. Default 5. */
  maxRestarts?: number
  /** First restart delay, doubled per consecutive crash up to maxRestartDelayMs. Defaults 250 ms and 10 s. */
  restartDelayMs?: number
  maxRestartDelayMs?: number
  timers?: Timers
}

interface Pending {
  resolve(value: WorkerCallResult): void
  reject(error: Error): void
  timer: unknown
  cleanup(): void
}

export class ModelProcessHost extends InstanceBase<ModelDefinition> {
  private channel: WorkerChannel | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private consecutiveCrashes = 0
  private restartTimer: unknown
  private readonly timers: Timers

  constructor(private readonly options: HostOptions) {
    super(options.definition)
    this.timers = options.timers ?? realTimers
  }

  async infer(frames: Frame[], options: CallOptions = {}): Promise<InferredOutput[]> {
    const result = await this.call({ op: 'infer', frames }, options)
    if (result.op !== 'infer') throw this.error('infer_failed', `unexpected ${result.op} reply`)
    return result.outputs
  }

  async cost(frames: Frame[], warmup: number, options: CallOptions = {}): Promise<WorkerCostSample> {
    const result = await this.call({ op: 'cost', frames, warmup }, { timeoutMs: (this.options.callTimeoutMs ?? 30_000) * Math.max(1, frames.length), ...options })
    if (result.op !== 'cost') throw this.error('infer_failed', `unexpected ${result.op} reply`)
    return result.sample
  }

  async stop(): Promise<void> {
    this.timers.clearTimeout(this.restartTimer)
    const channel = this.channel
    if (!channel || this.current.state === 'exited' || this.current.state === 'failed') {
      this.channel = undefined
      if (this.current.state !== 'failed') this.update({ state: 'exited', pid: null })
      return
    }
    this.update({ state: 'stopping' })
    const gone = new Promise<void>((resolve) => channel.onExit(() => resolve()))
    channel.send({ type: 'shutdown' })
    const killer = this.timers.setTimeout(() => channel.kill('SIGKILL'), this.options.stopTimeoutMs ?? 3000)
    await gone
    this.timers.clearTimeout(killer)
  }

  private call(call: WorkerCall, options: CallOptions): Promise<WorkerCallResult> {
    const channel = this.channel
    if (!channel || (this.current.state !== 'ready' && this.current.state !== 'busy')) {
      return Promise.reject(this.error('not_loaded', `is ${this.current.state}, not ready: load it first${this.current.lastError ? ` (last error: ${this.current.lastError})` : ''}`))
    }
    if (options.signal?.aborted) return Promise.reject(this.error('cancelled', 'the call was cancelled'))
    const id = this.nextId++
    const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? 30_000
    return new Promise<WorkerCallResult>((resolve, reject) => {
      const onAbort = (): void => {
        channel.send({ type: 'cancel', id })
        this.settle(id, { ok: false, error: { code: 'cancelled', message: 'the call was cancelled' } })
      }
      options.signal?.addEventListener('abort', onAbort, { once: true })
      const timer = this.timers.setTimeout(() => this.hung(id, timeoutMs), timeoutMs)
      this.pending.set(id, { resolve, reject, timer, cleanup: () => options.signal?.removeEventListener('abort', onAbort) })
      this.update({ state: 'busy' })
      channel.send({ type: 'call', id, ...call })
    })
  }

  protected launch(): Promise<void> {
    this.timers.clearTimeout(this.restartTimer)
    let channel: WorkerChannel
    try {
      channel = this.options.spawn()
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      this.update({ state: 'failed', lastCrash: { kind: 'spawn_failed', message }, lastError: message })
      return Promise.reject(this.error('load_failed', `could not start its process: ${message}`))
    }
    this.channel = channel
    this.update({ state: 'starting', pid: channel.pid, backend: null, weightsBytes: null })
    return new Promise<void>((resolve, reject) => {
      let settled = false
      const loadTimer = this.timers.setTimeout(() => {
        if (settled) return
        settled = true
        channel.kill('SIGKILL')
        reject(this.error('load_failed', `did not finish loading within ${this.options.loadTimeoutMs ?? 120_000} ms`))
      }, this.options.loadTimeoutMs ?? 120_000)
      const finish = (error?: Error): void => {
        if (settled) return
        settled = true
        this.timers.clearTimeout(loadTimer)
        if (error) reject(error)
        else resolve()
      }
      channel.onSpawnError((err) => {
        this.update({ state: 'failed', lastCrash: { kind: 'spawn_failed', message: err.message }, lastError: err.message })
        finish(this.error('load_failed', `could not start its process: ${err.message}`))
      })
      channel.onMessage((message) => this.receive(channel, message, finish))
      channel.onExit((code, signal) => {
        this.exited(channel, code, signal)
        finish(this.error('crashed', this.current.lastError ?? `its process exited (code ${code}, signal ${signal}) while loading`))
      })
      channel.send({ type: 'load', definition: this.definition as never })
    })
  }

  private receive(channel: WorkerChannel, message: FromWorker, loaded: (error?: Error) => void): void {
    if (channel !== this.channel) return
    switch (message.type) {
      case 'ready':
        this.update({ state: 'ready', backend: message.backend, weightsBytes: message.weightsBytes, lastError: null })
        loaded()
        break
      case 'failed':
        this.update({ state: 'failed', lastCrash: { kind: 'load_failed', message: message.error.message }, lastError: message.error.message })
        loaded(this.error('load_failed', `${message.error.message}. Fix that, then load the model again.`))
        break
      case 'result':
        this.settle(message.id, message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error })
        break
      case 'event':
        break
    }
  }

  private settle(id: number, outcome: { ok: true; value: WorkerCallResult } | { ok: false; error: WireError }): void {
    const pending = this.pending.get(id)
    if (!pending) return
    this.pending.delete(id)
    this.timers.clearTimeout(pending.timer)
    pending.cleanup()
    if (this.pending.size === 0 && this.current.state === 'busy') this.update({ state: 'ready' })
    if (outcome.ok) {
      this.consecutiveCrashes = 0
      pending.resolve(outcome.value)
      return
    }
    const kind = outcome.error.code === 'cancelled' ? 'cancelled' : outcome.error.code === 'output_mismatch' ? 'output_mismatch' : 'infer_failed'
    pending.reject(this.error(kind, outcome.error.message))
  }

  private hung(id: number, timeoutMs: number): void {
    const pending = this.pending.get(id)
    if (!pending) return
    this.pending.delete(id)
    pending.cleanup()
    pending.reject(this.error('timeout', `did not answer within ${timeoutMs} ms; its process is restarted`))
    this.current.lastCrash = { kind: 'hung', timeoutMs }
    this.channel?.kill('SIGKILL')
  }

  private exited(channel: WorkerChannel, code: number | null, signal: string | null): void {
    if (channel !== this.channel) return
    this.channel = undefined
    const wasStopping = this.current.state === 'stopping'
    for (const [id, p] of this.pending) {
      this.timers.clearTimeout(p.timer)
      p.cleanup()
      p.reject(this.error('crashed', `its process exited (code ${code}, signal ${signal}) during call ${id}`))
    }
    this.pending.clear()
    if (wasStopping) {
      this.update({ state: 'exited', pid: null })
      return
    }
    if (this.current.state === 'failed') {
      this.update({ pid: null })
      return
    }
    const hung = this.current.lastCrash?.kind === 'hung' ? this.current.lastCrash : null
    const reason: CrashReason = hung ?? { kind: 'exit', code, signal }
    const text = hung ? `hung (no answer within ${hung.timeoutMs} ms) and was killed` : `process ${channel.pid} exited unexpectedly (code ${code}, signal ${signal})`
    this.update({ state: 'crashed', pid: null, lastCrash: reason, lastError: text })
    this.scheduleRestart()
  }

  private scheduleRestart(): void {
    const max = this.options.maxRestarts ?? 5
    if (this.consecutiveCrashes >= max) {
      this.update({ state: 'failed', lastError: `${this.current.lastError}; gave up after ${max} restarts in a row` })
      return
    }
    const base = this.options.restartDelayMs ?? 250
    const delay = Math.min(this.options.maxRestartDelayMs ?? 10_000, base * 2 ** this.consecutiveCrashes)
    this.consecutiveCrashes++
    this.restartTimer = this.timers.setTimeout(() => {
      this.update({ restarts: this.current.restarts + 1 })
      this.start().catch(() => undefined)
    }, delay)
  }

}
