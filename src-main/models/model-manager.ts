// Knows every model (zoo and user), starts and stops their instances, runs calls and cost
// probes, and tells everyone when a model's status changes.
import type { CostReport, ModelStatus, ModelSummary } from '../api/contract'
import { ApiError } from '../api/errors'
import type { EventBus } from '../api/event-bus'
import type { Clock } from '../app/clock'
import type { Journal } from '../journal/journal'
import type { ModelsRepo } from '../store/models-repo'
import { gpuMemory, percentile, processMemory } from './cost-probe'
import type { ModelDefinition } from './definition'
import { ModelError } from './errors'
import type { Frame } from './frame'
import type { CallOptions, InstanceStatus, ModelInstance } from './instance'
import type { InferredOutput } from './protocol'

export type InstanceFactory = (definition: ModelDefinition) => ModelInstance

export interface ModelManagerOptions {
  zoo: readonly ModelDefinition[]
  repo: ModelsRepo
  createInstance: InstanceFactory
  bus: EventBus
  journal: Journal
  clock: Clock
}

const idle: ModelStatus = { state: 'exited', pid: null, restarts: 0, backend: null, lastError: null, lastCrash: null }

export class ModelManager {
  private readonly instances = new Map<string, ModelInstance>()
  private readonly costs: Map<string, CostReport>
  /** User models, read once and kept in step with register/remove (every call looks models up). */
  private readonly userModels: ModelDefinition[]
  private readonly disabled: Set<string>

  constructor(private readonly options: ModelManagerOptions) {
    const now = options.clock.now().toISOString()
    for (const def of options.zoo) options.repo.save(def, now)
    this.costs = options.repo.latestCosts()
    this.userModels = options.repo.userDefinitions()
    this.disabled = options.repo.disabledIds()
  }

  isEnabled(id: string): boolean {
    return !this.disabled.has(id)
  }

  /** A disabled model stays known and loadable by hand, but the runtime never selects it to run. */
  setEnabled(id: string, enabled: boolean): ModelSummary {
    const def = this.definition(id)
    this.options.repo.setEnabled(id, enabled)
    if (enabled) this.disabled.delete(id)
    else this.disabled.add(id)
    this.options.journal.info('models', `${id} ${enabled ? 'enabled' : 'disabled'}`, { modelId: id })
    const summary = this.summary(def)
    this.options.bus.publish('models.changed', summary)
    return summary
  }

  definitions(): ModelDefinition[] {
    return [...this.options.zoo, ...this.userModels]
  }

  definition(id: string): ModelDefinition {
    const def = this.definitions().find((d) => d.id === id)
    if (!def) throw new ModelError('unknown_model', id, `no such model. Known: ${this.definitions().map((d) => d.id).join(', ')}`)
    return def
  }

  list(): ModelSummary[] {
    return this.definitions().map((d) => this.summary(d))
  }

  /** The model's latest measured cost, or null before the first probe. */
  cost(id: string): CostReport | null {
    return this.costs.get(id) ?? null
  }

  summary(def: ModelDefinition): ModelSummary {
    const status = this.instances.get(def.id)?.status()
    return {
      id: def.id,
      name: def.name,
      description: def.description,
      source: def.source,
      version: def.version,
      spec: def.spec,
      status: status ? toModelStatus(status) : idle,
      cost: this.costs.get(def.id) ?? null,
      enabled: this.isEnabled(def.id)
    }
  }

  /** Adds a user model; its id must be new. */
  register(def: ModelDefinition): ModelSummary {
    if (this.definitions().some((d) => d.id === def.id)) {
      throw new ApiError('conflict', `A model with id '${def.id}' already exists: choose another id or remove that model first.`)
    }
    this.options.repo.save(def, this.options.clock.now().toISOString())
    this.userModels.push(def)
    this.options.journal.info('models', `${def.id} registered (${def.source})`, { modelId: def.id })
    const summary = this.summary(def)
    this.options.bus.publish('models.changed', summary)
    return summary
  }

  async remove(id: string): Promise<void> {
    const def = this.definition(id)
    if (def.source === 'zoo') throw new ApiError('conflict', `'${id}' is a built-in zoo model and cannot be removed.`)
    await this.unload(id)
    this.options.repo.remove(id)
    this.userModels.splice(this.userModels.indexOf(def), 1)
    this.options.journal.info('models', `${id} removed`, { modelId: id })
  }

  /** The running instance, started if needed. */
  async load(id: string): Promise<ModelInstance> {
    const def = this.definition(id)
    let instance = this.instances.get(id)
    if (!instance) {
      instance = this.options.createInstance(def)
      this.instances.set(id, instance)
      instance.onStatus((status) => this.statusChanged(def, status))
    }
    await instance.start()
    return instance
  }

  async unload(id: string): Promise<void> {
    const instance = this.instances.get(id)
    if (!instance) return
    await instance.stop()
    this.instances.delete(id)
    this.options.bus.publish('models.changed', this.summary(this.definition(id)))
  }

  /** Ids of the models whose instances exist (loaded, loading, or crashed and restarting). */
  loadedIds(): string[] {
    return [...this.instances.keys()]
  }

  instance(id: string): ModelInstance | undefined {
    return this.instances.get(id)
  }

  async infer(id: string, frames: Frame[], options?: CallOptions): Promise<InferredOutput[]> {
    const instance = this.instances.get(id)
    if (!instance) throw new ModelError('not_loaded', id, 'is not loaded: load it first (models.load)')
    return instance.infer(frames, options)
  }

  /** Measures the model on these frames (the first `warmup` not timed) and stores the figures. */
  async profileCost(id: string, frames: Frame[], warmup: number, options?: CallOptions): Promise<CostReport> {
    const instance = await this.load(id)
    const sample = await instance.cost(frames, warmup, options)
    const status = instance.status()
    const memory = status.pid ? processMemory(status.pid) : null
    const gpu = status.pid && status.backend?.gpu ? await gpuMemory(status.pid) : null
    const sorted = [...sample.latenciesMs].sort((a, b) => a - b)
    const round = (x: number): number => Math.round(x * 10) / 10
    const cost: CostReport = {
      modelId: id,
      measuredAt: this.options.clock.now().toISOString(),
      backend: status.backend?.name ?? 'cpu',
      memoryBytes: gpu ?? memory?.peakRssBytes ?? sample.peakTensorBytes,
      memoryKind: gpu !== null ? 'gpu' : 'rss',
      gpuBytes: gpu,
      rssBytes: memory?.rssBytes ?? 0,
      peakRssBytes: memory?.peakRssBytes ?? 0,
      weightsBytes: sample.weightsBytes,
      peakTensorBytes: sample.peakTensorBytes,
      latencyP50Ms: round(percentile(sorted, 50)),
      latencyP95Ms: round(percentile(sorted, 95)),
      frames: sorted.length
    }
    this.options.repo.saveCost(cost)
    this.costs.set(id, cost)
    this.options.bus.publish('models.changed', this.summary(this.definition(id)))
    return cost
  }

  async close(): Promise<void> {
    await Promise.all([...this.instances.keys()].map((id) => this.unload(id).catch(() => undefined)))
  }

  private statusChanged(def: ModelDefinition, status: InstanceStatus): void {
    const where = status.pid ? ` (pid ${status.pid})` : ''
    if (status.state === 'crashed') this.options.journal.error('models', `${def.id}${where}: ${status.lastError}`, { modelId: def.id })
    if (status.state === 'failed') this.options.journal.error('models', `${def.id} failed: ${status.lastError}`, { modelId: def.id })
    if (status.state === 'ready' && status.restarts > 0 && status.backend) {
      this.options.journal.info('models', `${def.id} is back after restart ${status.restarts}${where}`, { modelId: def.id })
    }
    this.options.bus.publish('models.changed', { ...this.summary(def), status: toModelStatus(status) })
  }
}

function toModelStatus(s: InstanceStatus): ModelStatus {
  return { state: s.state, pid: s.pid, restarts: s.restarts, backend: s.backend, lastError: s.lastError, lastCrash: s.lastCrash }
}
