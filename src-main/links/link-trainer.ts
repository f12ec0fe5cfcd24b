// Link training as an engine service: trainer processes (one per core, each a share of the targets),
// progress as events, cancellation by ending the processes, results stored all at once when the training is done.
import { fork, type ChildProcess } from 'node:child_process'
import { availableParallelism } from 'node:os'
import type { FractionStudy, LinkMatrix, LinkPredictions, LinksTrained, PredictLinks, TrainLinks } from '../api/contract'
import { PAPER_FRACTIONS } from './data-fraction'
import { hasSubsetTable } from './evaluation'
import { ApiError } from '../api/errors'
import type { EventBus } from '../api/event-bus'
import type { Clock } from '../app/clock'
import type { Journal } from '../journal/journal'
import type { ModelDefinition } from '../models/definition'
import type { ModelManager } from '../models/model-manager'
import { checkOutput, type ModelOutput } from '../models/output-spec'
import { trainingPriors } from './baseline'
import { linkWeightBytes, loadLinkWeights, type LinksRepo, type StoredTarget } from '../store/links-repo'
import { LinkBank } from './link-bank'
import type { ProfilesRepo } from '../store/profiles-repo'
import { relations } from './matrix'
import { loadDataset, type LinkDataset } from './dataset'
import type { TrainedTarget } from './train-target'
import type { FromTrainer, ToTrainer } from './trainer-protocol'
import { PAPER_DEFAULTS, type TrainingConfig } from './training-config'

export interface LinkTrainerOptions {
  trainerScript: string
  profiles: ProfilesRepo
  links: LinksRepo
  models: ModelManager
  bus: EventBus
  journal: Journal
  clock: Clock
  /** Trainer processes per training, each taking a share of the targets (default: up to 2 cores). */
  trainerProcesses?: number
}

/** A run's links ready for prediction, with each target's stored evaluation and each link's weight bytes (`source>target`). */
export interface LoadedLinks {
  bank: LinkBank
  evaluations: StoredTarget[]
  bytes: Map<string, number>
  /** Per model of the run, its training prior: the output of a model nothing predicts. */
  priors: Map<string, ModelOutput>
}

interface TrainingEntry {
  children: ChildProcess[]
  cancelled: boolean
  finished: Promise<LinksTrained>
}

/** Sequence targets decode step by step and cost several vector targets: weighs them so. */
const SEQUENCE_TARGET_WEIGHT = 3

/** Deals the targets to `lanes` trainer processes, heaviest first onto the lightest lane. */
export function splitTargets(models: readonly ModelDefinition[], lanes: number): string[][] {
  const weight = (m: ModelDefinition): number => (m.spec.kind === 'sequence' ? SEQUENCE_TARGET_WEIGHT : 1)
  const out = Array.from({ length: Math.max(1, Math.min(lanes, models.length)) }, () => ({ load: 0, targets: [] as string[] }))
  for (const m of [...models].sort((a, b) => weight(b) - weight(a))) {
    const lane = out.reduce((best, l) => (l.load < best.load ? l : best))
    lane.targets.push(m.id)
    lane.load += weight(m)
  }
  return out.map((l) => l.targets)
}

export class LinkTrainer {
  private readonly running = new Map<number, TrainingEntry>()
  /** Links loaded for prediction with each target's guarded sources, per run (dropped when the run is trained again). */
  private readonly banks = new Map<number, LoadedLinks>()
  private readonly studies = new Map<number, ChildProcess>()

  constructor(private readonly options: LinkTrainerOptions) {}

  /** Starts training; resolves when the trainer processes have the data (use `finished` to wait for the end). */
  start(params: TrainLinks): { runId: number; finished: Promise<LinksTrained> } {
    const { runId } = params
    if (this.running.has(runId)) throw new ApiError('conflict', `Links of run ${runId} are already training: cancel that first.`)
    const dataset = this.dataset(runId)
    const config: TrainingConfig = { ...PAPER_DEFAULTS, ...definedOnly(params) }
    const started = this.options.clock.now().getTime()
    const lanes = splitTargets(dataset.models, this.options.trainerProcesses ?? Math.min(2, availableParallelism()))
    const entry: TrainingEntry = { children: [], cancelled: false, finished: Promise.resolve({} as LinksTrained) }
    const trainedTargets: TrainedTarget[] = []
    const end = (status: LinksTrained['status'], error: string | null): LinksTrained => ({ runId, status, error, seconds: (this.options.clock.now().getTime() - started) / 1000, links: this.options.links.evaluations(runId).reduce((n, e) => n + e.links.length, 0) })
    const laneEnds = lanes.map((targets) => {
      const { child, ended } = this.forkTrainer({ type: 'train', dataset, config, targets }, (message) => {
        if (message.type === 'progress') this.options.bus.publish('links.progress', { runId, ...message.progress, targetsDone: trainedTargets.length, targets: dataset.models.length })
        else if (message.type === 'target') trainedTargets.push(message.trained)
      })
      entry.children.push(child)
      // One lane failing ends the others: the training as a whole has failed.
      void ended.then((error) => error !== null && entry.children.forEach((c) => c.kill('SIGKILL')))
      return ended
    })
    entry.finished = Promise.all(laneEnds).then((errors) => {
      this.running.delete(runId)
      const error = errors.find((e) => e !== null && !/signal SIGKILL/.test(e)) ?? errors.find((e) => e !== null) ?? null
      let result: LinksTrained
      if (entry.cancelled) result = end('cancelled', null)
      else if (error !== null) result = end('failed', error)
      else {
        // Stored together at the end: a cancelled or failed training leaves the previous links whole.
        const now = this.options.clock.now().toISOString()
        // In the run's model order, whichever lane finished first.
        trainedTargets.sort((a, b) => dataset.models.findIndex((m) => m.id === a.evaluation.target) - dataset.models.findIndex((m) => m.id === b.evaluation.target))
        for (const t of trainedTargets) this.options.links.saveTarget(runId, t, config, now)
        this.banks.get(runId)?.bank.dispose()
        this.banks.delete(runId)
        result = end('done', null)
      }
      this.options.journal.record(result.status === 'failed' ? 'error' : 'info', 'links', `Links of run ${runId} ${result.status} in ${result.seconds.toFixed(1)} s (${lanes.length} trainer processes)${result.error ? `: ${result.error}` : ''}`, { runId })
      this.options.bus.publish('links.trained', result)
      return result
    })
    this.running.set(runId, entry)
    return { runId, finished: entry.finished }
  }

  /** The data-fraction study in a trainer process of its own; results stored when it ends. */
  studyFractions(runId: number, config: Partial<TrainingConfig> = {}): FractionStudy {
    if (this.studies.has(runId)) throw new ApiError('conflict', `The data-fraction study of run ${runId} is already running.`)
    const dataset = this.dataset(runId)
    const study: FractionStudy = { runId, status: 'running', fractions: [...PAPER_FRACTIONS], results: [], error: null }
    const { child, ended } = this.forkTrainer({ type: 'fractions', dataset, config: { ...PAPER_DEFAULTS, ...config }, fractions: study.fractions }, (message) => {
      if (message.type !== 'fraction') return
      study.results.push(message.result)
      this.options.bus.publish('links.fractions', { ...study })
    })
    this.studies.set(runId, child)
    void ended.then((error) => {
      this.studies.delete(runId)
      study.status = error === null ? 'done' : /signal SIGKILL/.test(error) ? 'cancelled' : 'failed'
      study.error = error
      if (study.status === 'done') this.options.links.saveFractions(runId, study.results, this.options.clock.now().toISOString())
      this.options.journal.record(study.status === 'failed' ? 'error' : 'info', 'links', `Data-fraction study of run ${runId} ${study.status}${study.error ? `: ${study.error}` : ''}`, { runId })
      this.options.bus.publish('links.fractions', { ...study })
    })
    return study
  }

  /** The run as training data; a run that cannot be trained on is the caller's mistake (invalid_params). */
  private dataset(runId: number): LinkDataset {
    try {
      return loadDataset(this.options.profiles, runId, this.options.models.definitions())
    } catch (err) {
      throw new ApiError('invalid_params', err instanceof Error ? err.message : String(err))
    }
  }

  /**
   * A trainer process sent `message`. Its other messages go to `onMessage`; `ended` resolves once the
   * last message is in: null when it said done, else its failure or why it ended without saying.
   */
  private forkTrainer(message: ToTrainer, onMessage: (message: FromTrainer) => void): { child: ChildProcess; ended: Promise<string | null> } {
    const child = fork(this.options.trainerScript, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)))
    const ended = new Promise<string | null>((resolve) => {
      let outcome: string | null | undefined
      child.on('message', (m: FromTrainer) => {
        if (m.type === 'done') outcome = null
        else if (m.type === 'failed') outcome = m.message
        else onMessage(m)
      })
      // 'close' comes after the last IPC message has been delivered ('exit' may come before it).
      child.once('close', (code, signal) => resolve(outcome !== undefined ? outcome : `the trainer process ended (code ${code}, signal ${signal}): ${stderr.trim().split('\n').at(-1) ?? ''}`))
    })
    child.send(message)
    return { child, ended }
  }

  cancel(runId: number): void {
    const entry = this.running.get(runId)
    if (!entry) throw new ApiError('conflict', `No training of run ${runId} is running.`)
    entry.cancelled = true
    entry.children.forEach((c) => c.kill('SIGKILL'))
  }

  /** Predicts the targets not given from the given outputs, with the run's stored links. */
  predict(params: PredictLinks): LinkPredictions {
    const { bank, evaluations } = this.bank(params.runId)
    const guarded = new Map(evaluations.map((e) => [e.target, e.guarded.sources]))
    const outputs = new Map(Object.entries(params.outputs))
    for (const [id, output] of outputs) {
      try {
        checkOutput(this.options.models.definition(id).spec, output)
      } catch (err) {
        throw new ApiError('invalid_params', `The output given for '${id}' does not fit its spec: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
    const started = performance.now()
    const predicted = bank.predict(outputs, (target) => {
      if (params.ensemble === 'all') return null
      const chosen = (guarded.get(target) ?? []).filter((s) => outputs.has(s))
      return chosen.length ? chosen : null
    })
    return { runId: params.runId, predictions: Object.fromEntries(predicted), ms: performance.now() - started }
  }

  /** Loaded once per run for links.predict: prediction sits on the per-frame path and must not read the store. */
  private bank(runId: number): LoadedLinks {
    let loaded = this.banks.get(runId)
    if (!loaded) {
      loaded = this.loadLinks(runId)
      this.banks.set(runId, loaded)
    }
    return loaded
  }

  /** Bytes of each stored link's weights (`source>target`), without building the links. */
  linkBytes(runId: number): Map<string, number> {
    return linkWeightBytes(loadLinkWeights(this.options.links.db, runId))
  }

  /** A run's links loaded from the store, owned by the caller (dispose `bank` when done). */
  loadLinks(runId: number): LoadedLinks {
    const evaluations = this.options.links.evaluations(runId)
    if (evaluations.length === 0) throw new ApiError('not_found', `No links trained for run ${runId}: train them first (links.train).`)
    const weights = loadLinkWeights(this.options.links.db, runId)
    // Links trained before priors were stored: the priors come from the run's frames, once.
    const stored = evaluations.every((e) => e.prior !== null)
    const priors = stored ? new Map(evaluations.map((e) => [e.target, e.prior!])) : trainingPriors(loadDataset(this.options.profiles, runId, this.options.models.definitions()))
    return { evaluations, priors, bank: new LinkBank(this.options.models.definitions(), weights), bytes: linkWeightBytes(weights) }
  }

  /** True when every target of the run has links and its per-active-set table. */
  hasTable(runId: number): boolean {
    const targets = this.options.links.evaluations(runId)
    return targets.length > 0 && targets.every(hasSubsetTable)
  }

  matrix(runId: number): LinkMatrix {
    const targets = this.options.links.evaluations(runId)
    if (targets.length === 0) throw new ApiError('not_found', `No links trained for run ${runId}: train them first (links.train).`)
    return { runId, targets, relations: relations(targets), fractions: this.options.links.fractions(runId) }
  }

  async close(): Promise<void> {
    const all = [...this.running.values()]
    for (const e of all) {
      e.cancelled = true
      e.children.forEach((c) => c.kill('SIGKILL'))
    }
    for (const child of this.studies.values()) child.kill('SIGKILL')
    await Promise.all(all.map((e) => e.finished))
    for (const { bank } of this.banks.values()) bank.dispose()
    this.banks.clear()
  }
}

function definedOnly(params: TrainLinks): Partial<TrainingConfig> {
  const out: Partial<TrainingConfig> = {}
  if (params.epochs !== undefined) out.epochs = params.epochs
  if (params.patience !== undefined) out.patience = params.patience
  if (params.learningRate !== undefined) out.learningRate = params.learningRate
  if (params.batchSize !== undefined) out.batchSize = params.batchSize
  return out
}
