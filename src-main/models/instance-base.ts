// What every kind of model instance does the same way: hold its status, tell listeners about each
// change, and start at most once at a time.
import type { ModelDefinition } from './definition'
import { ModelError, type ModelErrorKind } from './errors'
import type { Frame } from './frame'
import type { CallOptions, InstanceStatus, ModelInstance } from './instance'
import type { InferredOutput, WorkerCostSample } from './protocol'

export abstract class InstanceBase<D extends ModelDefinition> implements ModelInstance {
  protected current: InstanceStatus = { state: 'exited', pid: null, restarts: 0, backend: null, weightsBytes: null, lastCrash: null, lastError: null }
  private readonly listeners = new Set<(s: InstanceStatus) => void>()
  private starting: Promise<void> | undefined

  constructor(readonly definition: D) {}

  status(): InstanceStatus {
    return { ...this.current }
  }

  onStatus(listener: (s: InstanceStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  start(): Promise<void> {
    if (this.current.state === 'ready' || this.current.state === 'busy') return Promise.resolve()
    this.starting ??= this.launch().finally(() => (this.starting = undefined))
    return this.starting
  }

  /** Brings the model up; resolves when it is ready. */
  protected abstract launch(): Promise<void>
  abstract infer(frames: Frame[], options?: CallOptions): Promise<InferredOutput[]>
  abstract cost(frames: Frame[], warmup: number, options?: CallOptions): Promise<WorkerCostSample>
  abstract stop(): Promise<void>

  protected update(change: Partial<InstanceStatus>): void {
    this.current = { ...this.current, ...change }
    const snapshot = this.status()
    for (const listener of this.listeners) listener(snapshot)
  }

  protected error(kind: ModelErrorKind, message: string): ModelError {
    return new ModelError(kind, this.definition.id, message)
  }
}
