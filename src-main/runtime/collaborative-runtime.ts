// The collaborative runtime: per frame of a camera, the active models run exactly (in parallel)
// and every other model's output is predicted by the ensemble of links from the active ones.
// The active set follows the budget: selection, then unload first, then load, so the cost of
// what is loaded never exceeds the budget, loading included. A crashed active model is predicted
// from the others until its process is back. Periodic re-profiling measures predicted-vs-exact.
import type { BudgetPreview, RuntimeFrame, RuntimeModel, RuntimeOutput, RuntimeState, StartRuntime } from '../api/contract'
import { ApiError } from '../api/errors'
import type { EventBus } from '../api/event-bus'
import type { Clock } from '../app/clock'
import type { Journal } from '../journal/journal'
import { measureLinkMs } from '../links/link-latency'
import type { LinkTrainer, LoadedLinks } from '../links/link-trainer'
import { outputScore } from '../models/metrics'
import type { Frame } from '../models/frame'
import type { ModelManager } from '../models/model-manager'
import type { ModelOutput } from '../models/output-spec'
import type { CameraManager } from '../sources/camera-manager'
import { linkTableProblem } from '../selection/link-table'
import { costValue, evaluatePlan, type CostType, minimumBudget, type Plan, type SelectionProblem } from '../selection/problem'
import { select } from '../selection/selectors'
import type { ProfilesRepo } from '../store/profiles-repo'
import type { RuntimeRepo } from '../store/runtime-repo'
import { LiveProfile } from './live-profile'
import { reprofileRound } from './reprofile'

export interface RuntimeOptions {
  models: ModelManager
  cameras: CameraManager
  trainer: LinkTrainer
  repo: RuntimeRepo
  profiles: ProfilesRepo
  bus: EventBus
  journal: Journal
  clock: Clock
}

interface Session {
  params: Required<StartRuntime>
  problem: SelectionProblem
  /** The cheapest configuration of `problem` (changes with it). */
  minimum: Plan
  links: LoadedLinks
  plan: Plan
  /** Models loaded or loading, with the cost reserved for them. */
  loaded: Map<string, number>
  transitions: Map<string, 'loading' | 'unloading'>
  liveAccuracy: Map<string, number>
  frames: number
  rounds: number
  /** The run whose links predict now: the start's, or the live run once retrained. */
  linksRunId: number
  /** Re-profiled frames as training data (created at the first round). */
  live: LiveProfile | null
  retraining: boolean
  abort: AbortController
  loop: Promise<void>
  /** Applying a selection: one at a time, in order. */
  applying: Promise<void>
  error: string | null
}

export class CollaborativeRuntime {
  private session: Session | null = null
  private readonly offModels: () => void

  constructor(private readonly options: RuntimeOptions) {
    // A model's process state shows on its tile (restarting, failed) as soon as it changes.
    this.offModels = options.bus.subscribe('models.changed', (m) => {
      if (this.session && this.session.plan.active.includes(m.id)) {
        if (m.status?.state === 'crashed') options.repo.event(this.now(), 'crash', m.id, { lastError: m.status.lastError })
        this.publishState()
      }
    })
  }

  state(): RuntimeState {
    const s = this.session
    if (!s) {
      return { status: 'stopped', cameraId: null, runId: null, linksRunId: null, retraining: false, costType: 'memory', selector: 'exact', budget: 0, minimumBudget: 0, used: 0, active: [], expectedAccuracy: 0, models: [], frames: 0, rounds: 0, error: null }
    }
    const linkCosts = s.plan.models.reduce((n, m) => n + (m.origin === 'exact' ? 0 : m.cost), 0)
    return {
      status: 'running',
      cameraId: s.params.cameraId,
      runId: s.params.runId,
      linksRunId: s.linksRunId,
      retraining: s.retraining,
      costType: s.params.costType,
      selector: s.params.selector,
      budget: s.params.budget,
      minimumBudget: s.minimum.cost,
      used: [...s.loaded.values()].reduce((a, b) => a + b, 0) + linkCosts,
      active: s.plan.active,
      expectedAccuracy: s.plan.accuracy,
      models: s.plan.models.map((m): RuntimeModel => ({
        id: m.id,
        activation: this.activation(s, m.id, m.origin),
        cost: this.ownCost(m.id, s.params.costType),
        linkCost: m.origin === 'exact' ? 0 : m.cost,
        expected: m.expected,
        sources: m.sources,
        liveAccuracy: s.liveAccuracy.get(m.id) ?? null
      })),
      frames: s.frames,
      rounds: s.rounds,
      error: s.error
    }
  }

  /**
   * Starts on the camera's frames, or on `frames` when given (a replayed video: every frame in
   * order, none dropped — `cameraId` then only names the source). Resolves once the first
   * selection is applied; `finished` resolves when the frames end or the runtime stops.
   */
  async start(params: StartRuntime, frames?: (signal: AbortSignal) => AsyncIterable<Frame>): Promise<RuntimeState> {
    if (this.session) throw new ApiError('conflict', `The runtime is already running camera '${this.session.params.cameraId}': stop it first.`)
    if (!frames && !this.options.cameras.list().some((c) => c.id === params.cameraId)) throw new ApiError('not_found', `No camera '${params.cameraId}'.`)
    const full: Required<StartRuntime> = { costType: 'memory', selector: 'exact', ...params, reprofile: { everyFrames: 0, frames: 3, retrainEvery: 3, ...params.reprofile } }
    const links = this.options.trainer.loadLinks(full.runId)
    let problem
    let minimum
    try {
      problem = this.problem(full, links)
      minimum = minimumBudget(problem)
      checkBudget(minimum, full.budget, full.costType)
    } catch (err) {
      links.bank.dispose()
      throw err
    }
    const abort = new AbortController()
    const session: Session = {
      params: full,
      problem,
      minimum,
      links,
      plan: evaluatePlan(problem, []),
      loaded: new Map(),
      transitions: new Map(),
      liveAccuracy: new Map(),
      frames: 0,
      rounds: 0,
      linksRunId: full.runId,
      live: null,
      retraining: false,
      abort,
      loop: Promise.resolve(),
      applying: Promise.resolve(),
      error: null
    }
    this.session = session
    this.options.repo.event(this.now(), 'start', null, { cameraId: full.cameraId, runId: full.runId, budget: full.budget, costType: full.costType, selector: full.selector })
    this.options.journal.info('runtime', `Runtime started on camera ${full.cameraId} with the links of run ${full.runId}, budget ${describe(full.budget, full.costType)}`)
    try {
      await this.reselect(session, 'start')
    } catch (err) {
      await this.stop()
      throw err
    }
    session.loop = this.run(session, frames ?? ((signal) => this.options.cameras.frames(full.cameraId, signal)))
    if (!frames) this.options.repo.saveRunning(full)
    return this.state()
  }

  /** Stops the runtime; `forget` false (engine shutdown) keeps it to be resumed at the next start. */
  async stop(forget = true): Promise<RuntimeState> {
    const s = this.session
    if (forget) this.options.repo.saveRunning(null)
    if (!s) return this.state()
    s.abort.abort()
    await s.loop
    await s.applying
    this.session = null
    s.links.bank.dispose()
    for (const id of s.loaded.keys()) await this.options.models.unload(id).catch(() => undefined)
    this.options.repo.event(this.now(), 'stop', null, { frames: s.frames })
    this.options.journal.info('runtime', `Runtime stopped after ${s.frames} frames`)
    this.publishState()
    return this.state()
  }

  async setBudget(budget: number): Promise<RuntimeState> {
    const s = this.requireSession()
    checkBudget(s.minimum, budget, s.params.costType)
    const previous = s.params.budget
    s.params = { ...s.params, budget }
    this.options.repo.event(this.now(), 'budget', null, { from: previous, to: budget })
    this.options.journal.info('runtime', `Budget ${describe(previous, s.params.costType)} -> ${describe(budget, s.params.costType)}`)
    await this.reselect(s, 'budget')
    return this.state()
  }

  preview(budget: number): BudgetPreview {
    const s = this.requireSession()
    const min = s.minimum.cost
    const plan = select(s.params.selector, s.problem, budget)
    return { budget, feasible: budget >= min, minimumBudget: min, active: plan.active, expectedAccuracy: plan.accuracy, cost: plan.cost }
  }

  /** Resumes the runtime that was running when the engine last stopped (journaled if it cannot). */
  async resume(): Promise<void> {
    const params = this.options.repo.running()
    if (!params || this.session) return
    try {
      await this.start(params)
      this.options.journal.info('runtime', `Runtime resumed on camera ${params.cameraId} after the engine restarted`)
    } catch (err) {
      this.options.journal.error('runtime', `The runtime could not resume on camera ${params.cameraId}: ${err instanceof Error ? err.message : String(err)}`)
    }
  }

  async close(): Promise<void> {
    this.offModels()
    await this.stop(false)
  }

  /** The model's own measured cost (also for a disabled model, which the problem prices out). */
  private ownCost(id: string, costType: CostType): number {
    const cost = this.options.models.cost(id)
    return cost ? costValue(cost, costType) : 0
  }

  /** The selection problem over the links' evaluations, with the models' measured costs. */
  private problem(params: Required<StartRuntime>, links: LoadedLinks): SelectionProblem {
    const { evaluations } = links
    const costOf = (id: string): number => {
      // A disabled model never fits: it is always predicted (or at its prior).
      if (!this.options.models.isEnabled(id)) return Number.POSITIVE_INFINITY
      const cost = this.options.models.cost(id)
      if (!cost) throw new ApiError('invalid_params', `Model '${id}' has no measured cost: measure it first (models.profileCost, or mlink models cost).`)
      return costValue(cost, params.costType)
    }
    for (const e of evaluations) costOf(e.target)
    if (evaluations.every((e) => !this.options.models.isEnabled(e.target))) throw new ApiError('invalid_params', 'Every model of this run is disabled: enable one (Models page) to run anything.')
    // A link's latency is measured here, on the training priors as input.
    const linkMs = params.costType === 'latency' ? measureLinkMs(links.bank, [links.priors, links.priors, links.priors]) : 0
    return linkTableProblem({ evaluations, modelCost: costOf, costType: params.costType, linkBytes: links.bytes, linkMs, split: 'test' })
  }

  /**
   * Runs `fn` after every load/unload already queued: selections, re-profiling rounds and their
   * model swaps never interleave, so the accounting of what is loaded stays exact.
   */
  private exclusive<T>(s: Session, fn: () => Promise<T>): Promise<T> {
    const next = s.applying.then(fn)
    s.applying = next.then(
      () => undefined,
      (err: unknown) => {
        s.error = err instanceof Error ? err.message : String(err)
        this.options.journal.error('runtime', s.error)
        this.publishState()
      }
    )
    return next
  }

  /** Selects for the current budget and applies it: unload first, then load, in that order. */
  private reselect(s: Session, reason: string): Promise<void> {
    return this.exclusive(s, async () => {
      const plan = select(s.params.selector, this.withLiveAccuracy(s), s.params.budget)
      s.plan = evaluatePlan(s.problem, plan.active)
      s.error = null
      this.options.repo.saveSelection({ at: this.now(), budget: s.params.budget, costType: s.params.costType, selector: s.params.selector, active: plan.active, expectedAccuracy: plan.accuracy, details: { reason, runId: s.params.runId, linksRunId: s.linksRunId, cameraId: s.params.cameraId, cost: plan.cost } })
      this.publishState()
      await this.apply(s, plan.active)
    })
  }

  private async apply(s: Session, active: readonly string[]): Promise<void> {
    for (const id of [...s.loaded.keys()].filter((id) => !active.includes(id))) await this.unload(s, id)
    for (const id of active.filter((id) => !s.loaded.has(id))) {
      if (s.abort.signal.aborted) return
      await this.load(s, id)
    }
  }

  private async load(s: Session, id: string): Promise<void> {
    const cost = s.problem.models.find((m) => m.id === id)!.cost
    s.loaded.set(id, cost) // reserved before the process starts, so loading counts against the budget
    s.transitions.set(id, 'loading')
    this.publishState()
    const started = performance.now()
    try {
      await this.options.models.load(id)
    } finally {
      s.transitions.delete(id)
    }
    this.options.repo.event(this.now(), 'load', id, { ms: Math.round(performance.now() - started), cost })
    this.publishState()
  }

  private async unload(s: Session, id: string): Promise<void> {
    s.transitions.set(id, 'unloading')
    this.publishState()
    const started = performance.now()
    await this.options.models.unload(id)
    s.transitions.delete(id)
    s.loaded.delete(id)
    this.options.repo.event(this.now(), 'unload', id, { ms: Math.round(performance.now() - started) })
    this.publishState()
  }

  /** Resolves when the runtime's frames end (a replay) or it is stopped. */
  finished(): Promise<void> {
    return this.session?.loop ?? Promise.resolve()
  }

  private async run(s: Session, source: (signal: AbortSignal) => AsyncIterable<Frame>): Promise<void> {
    const buffer: { frame: Frame; outputs: Map<string, RuntimeOutput> }[] = []
    try {
      for await (const frame of source(s.abort.signal)) {
        const outputs = await this.process(s, frame)
        s.frames++
        const { everyFrames, frames } = s.params.reprofile
        if (everyFrames > 0) {
          if (s.frames % everyFrames < frames) buffer.push({ frame, outputs })
          // A failed round is journaled; the frames keep flowing.
          if (buffer.length >= frames) await this.reprofile(s, buffer.splice(0)).catch(() => undefined)
        }
        if (s.abort.signal.aborted) break
      }
    } catch (err) {
      if (!s.abort.signal.aborted) {
        s.error = err instanceof Error ? err.message : String(err)
        this.options.journal.error('runtime', `The runtime stopped: ${s.error}`)
        this.publishState()
      }
    }
  }

  /** One frame: active models in parallel, the others predicted from those that answered. */
  private async process(s: Session, frame: Frame): Promise<Map<string, RuntimeOutput>> {
    const started = performance.now()
    // A crashed or restarting process is not waited for: its output is predicted until it is back.
    const ready = s.plan.active.filter((id) => s.loaded.has(id) && !s.transitions.has(id) && SERVING.has(this.options.models.instance(id)?.status().state ?? 'exited'))
    const results = await Promise.all(
      ready.map(async (id) => {
        try {
          const [out] = await this.options.models.infer(id, [frame])
          return [id, out!.output] as const
        } catch {
          return null // crashed or restarting: predicted below until it is back
        }
      })
    )
    const exact = new Map(results.filter((r): r is readonly [string, ModelOutput] => r !== null))
    // The plan already says how each model is predicted; only when an active model failed to answer
    // are the ensembles chosen again, from the models that did.
    const allAnswered = exact.size === s.plan.active.length
    const answered = [...exact.keys()]
    const plans = new Map(
      s.plan.models.filter((m) => !exact.has(m.id)).map((m) => [m.id, allAnswered ? { sources: m.sources, score: m.expected } : s.problem.ensemble(m.id, answered)])
    )
    const predicted = s.links.bank.predict(exact, (t) => plans.get(t)?.sources ?? [])
    const outputs = new Map<string, RuntimeOutput>()
    for (const m of s.problem.models) {
      const out = exact.get(m.id)
      if (out) outputs.set(m.id, { output: out, origin: 'exact', expected: 1, sources: [] })
      else {
        const p = predicted.get(m.id)
        const expected = plans.get(m.id)?.score ?? 0
        if (p) outputs.set(m.id, { output: p.output, origin: 'predicted', expected, sources: p.sources })
        else outputs.set(m.id, { output: s.links.priors.get(m.id)!, origin: 'prior', expected, sources: [] })
      }
    }
    const event: RuntimeFrame = { cameraId: s.params.cameraId, seq: frame.seq, capturedAt: frame.capturedAt, outputs: Object.fromEntries(outputs), ms: performance.now() - started }
    this.options.bus.publish('runtime.frame', event)
    return outputs
  }

  /** Exact outputs of the non-active models on the buffered frames, within the budget; then re-select. */
  private async reprofile(s: Session, buffered: { frame: Frame; outputs: Map<string, RuntimeOutput> }[]): Promise<void> {
    const round = await this.exclusive(s, () => reprofileRound({
      models: this.options.models,
      buffered,
      all: s.problem.models.map((m) => m.id),
      active: s.plan.active,
      loaded: () => [...s.loaded.keys()],
      costOf: (id) => s.problem.models.find((m) => m.id === id)!.cost,
      budget: s.params.budget,
      load: (id) => this.load(s, id),
      unload: (id) => this.unload(s, id),
      signal: s.abort.signal
    }))
    const at = this.now()
    for (const [id, exact] of round.exact) {
      const spec = this.options.models.definition(id).spec
      const scores = exact.map((e, i) => outputScore(spec, buffered[i]!.outputs.get(id)!.output, e))
      const accuracy = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length)
      s.liveAccuracy.set(id, accuracy)
      this.options.repo.saveAccuracy(at, id, s.params.cameraId, accuracy, scores.length, buffered[0]!.outputs.get(id)!.origin)
    }
    s.rounds++
    s.live ??= new LiveProfile(this.options.profiles, s.params.runId, s.params.cameraId, at)
    const added = s.live.append(
      buffered.map((b, i) => ({
        seq: b.frame.seq,
        capturedAt: b.frame.capturedAt,
        cameraId: s.params.cameraId,
        exact: new Map([...[...b.outputs].filter(([, o]) => o.origin === 'exact').map(([id, o]) => [id, o.output] as const), ...[...round.exact].map(([id, outs]) => [id, outs[i]!] as const)])
      }))
    )
    const { retrainEvery } = s.params.reprofile
    if (retrainEvery && retrainEvery > 0 && s.rounds % retrainEvery === 0 && !s.retraining) this.retrain(s)
    this.options.repo.event(at, 'reprofile', null, { added, liveRunId: s.live.runId, frames: buffered.length, models: [...round.exact.keys()], skipped: round.skipped, loadMs: Math.round(round.loadMs), unloadMs: Math.round(round.unloadMs), ms: Math.round(round.ms) })
    this.options.journal.info('runtime', `Re-profiling round ${s.rounds}: ${round.exact.size} models on ${buffered.length} frames in ${(round.ms / 1000).toFixed(1)} s (loading ${(round.loadMs / 1000).toFixed(1)} s, unloading ${(round.unloadMs / 1000).toFixed(1)} s)`)
    await this.reselect(s, 'reprofile')
  }

  /** Retrains every link on the live run in the background; the runtime switches to them when done. */
  private retrain(s: Session): void {
    const live = s.live!
    s.retraining = true
    this.publishState()
    let finished
    try {
      finished = this.options.trainer.start({ runId: live.runId }).finished
    } catch (err) {
      s.retraining = false
      this.options.journal.record('warn', 'runtime', `Links not retrained: ${err instanceof Error ? err.message : String(err)}`)
      return
    }
    void finished.then(async (result) => {
      s.retraining = false
      if (this.session !== s || s.abort.signal.aborted) return
      if (result.status !== 'done') {
        this.options.journal.record('warn', 'runtime', `Retraining links on run ${live.runId} ${result.status}${result.error ? `: ${result.error}` : ''}`)
        this.publishState()
        return
      }
      const links = this.options.trainer.loadLinks(live.runId)
      const previous = s.links
      s.links = links
      s.problem = this.problem(s.params, links)
      s.minimum = minimumBudget(s.problem)
      s.linksRunId = live.runId
      // Measured live accuracy was of the old links: the new ones start from their own test scores.
      s.liveAccuracy.clear()
      previous.bank.dispose()
      this.options.repo.event(this.now(), 'reprofile', null, { retrained: true, liveRunId: live.runId, seconds: result.seconds })
      this.options.journal.info('runtime', `Links retrained on ${this.options.profiles.get(live.runId)?.frames ?? 0} frames (run ${live.runId}) in ${result.seconds.toFixed(1)} s`)
      await this.reselect(s, 'retrain').catch(() => undefined) // journaled by exclusive()
    })
  }

  /** The selection problem with p_j of the current active set replaced by what re-profiling measured. */
  private withLiveAccuracy(s: Session): SelectionProblem {
    const current = [...s.plan.active].sort().join(',')
    return {
      ...s.problem,
      ensemble: (target, active) => {
        const e = s.problem.ensemble(target, active)
        const live = s.liveAccuracy.get(target)
        return live !== undefined && [...active].sort().join(',') === current ? { ...e, score: live } : e
      }
    }
  }

  private activation(s: Session, id: string, origin: RuntimeModel['activation']): RuntimeModel['activation'] {
    const transition = s.transitions.get(id)
    if (transition) return transition
    if (origin !== 'exact') return origin
    const state = this.options.models.instance(id)?.status().state
    if (state === 'failed') return 'failed'
    if (state === 'crashed' || state === 'starting' || state === 'exited') return 'restarting'
    return 'exact'
  }

  private requireSession(): Session {
    if (!this.session) throw new ApiError('conflict', 'The runtime is not running: start it first (runtime.start).')
    return this.session
  }

  private publishState(): void {
    this.options.bus.publish('runtime.state', this.state())
  }

  private now(): string {
    return this.options.clock.now().toISOString()
  }
}

/** Instance states in which a model answers a call now (others would make the frame wait). */
const SERVING = new Set(['ready', 'busy'])

function checkBudget(min: Plan, budget: number, costType: StartRuntime['costType']): void {
  if (budget < min.cost) {
    throw new ApiError('invalid_params', `A budget of ${describe(budget, costType)} fits no model: the cheapest configuration (${min.active.join(', ')} with its links) needs ${describe(min.cost, costType)}.`)
  }
}

function describe(value: number, costType: StartRuntime['costType']): string {
  return costType === 'latency' ? `${value.toFixed(0)} ms/frame` : `${(value / 1048576).toFixed(0)} MB`
}
