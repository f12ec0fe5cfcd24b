// A model the manager can start, call and stop, whatever runs it: our worker process, a user's
// command process, or a remote KServe v2 server.
import type { BackendReport } from '../api/contract'
import type { ModelDefinition } from './definition'
import type { Frame } from './frame'
import type { InferredOutput, WorkerCostSample } from './protocol'

/** starting -> ready <-> busy; stopping -> exited; crashed -> (restart) starting; failed is final until the next load. */
export type InstanceState = 'starting' | 'ready' | 'busy' | 'stopping' | 'exited' | 'crashed' | 'failed'

export type CrashReason =
  | { kind: 'exit'; code: number | null; signal: string | null }
  | { kind: 'hung'; timeoutMs: number }
  | { kind: 'load_failed'; message: string }
  | { kind: 'spawn_failed'; message: string }
  | { kind: 'unreachable'; message: string }

export interface InstanceStatus {
  state: InstanceState
  pid: number | null
  restarts: number
  backend: BackendReport | null
  weightsBytes: number | null
  lastCrash: CrashReason | null
  /** Human-readable cause of the last crash or failure. */
  lastError: string | null
}

export interface CallOptions {
  signal?: AbortSignal
  /** Default: the instance's own call timeout. */
  timeoutMs?: number
}

export interface ModelInstance {
  readonly definition: ModelDefinition
  status(): InstanceStatus
  /** Resolves when the model is ready; rejects with a ModelError('load_failed' | 'crashed') otherwise. */
  start(): Promise<void>
  infer(frames: Frame[], options?: CallOptions): Promise<InferredOutput[]>
  /** Latencies after `warmup` calls, weights and peak tensor bytes (0 where the runner cannot tell). */
  cost(frames: Frame[], warmup: number, options?: CallOptions): Promise<WorkerCostSample>
  /** Asks the model to stop, waits, then kills; resolves when it is gone. */
  stop(): Promise<void>
  onStatus(listener: (status: InstanceStatus) => void): () => void
}
