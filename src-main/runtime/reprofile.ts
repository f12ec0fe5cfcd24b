// One re-profiling round: exact outputs of the models that are not active, on frames buffered
// while they were predicted — without ever exceeding the budget. The active models are unloaded,
// the others are loaded in batches that fit, run on the buffered frames, and unloaded again;
// re-selection afterwards loads the (new) active set. Load and unload times are reported.
import type { Frame } from '../models/frame'
import type { ModelManager } from '../models/model-manager'
import type { ModelOutput } from '../models/output-spec'

export interface ReprofileOptions {
  models: ModelManager
  buffered: { frame: Frame }[]
  /** Every model of the selection problem, and the active ones (whose exact outputs are known). */
  all: readonly string[]
  active: readonly string[]
  loaded: () => string[]
  costOf: (id: string) => number
  budget: number
  load: (id: string) => Promise<void>
  unload: (id: string) => Promise<void>
  signal: AbortSignal
}

export interface ReprofileRound {
  /** Per re-profiled model, its exact output on each buffered frame. */
  exact: Map<string, ModelOutput[]>
  /** Models that could not be run (alone over the budget, or failed). */
  skipped: string[]
  loadMs: number
  unloadMs: number
  ms: number
}

/** Packs models into batches whose costs fit the budget, most expensive first. */
function batchesWithin(ids: readonly string[], costOf: (id: string) => number, budget: number): { batches: string[][]; tooLarge: string[] } {
  const batches: { ids: string[]; cost: number }[] = []
  const tooLarge: string[] = []
  for (const id of [...ids].sort((a, b) => costOf(b) - costOf(a))) {
    const cost = costOf(id)
    if (cost > budget) {
      tooLarge.push(id)
      continue
    }
    const fit = batches.find((b) => b.cost + cost <= budget)
    if (fit) {
      fit.ids.push(id)
      fit.cost += cost
    } else batches.push({ ids: [id], cost })
  }
  return { batches: batches.map((b) => b.ids), tooLarge }
}

export async function reprofileRound(o: ReprofileOptions): Promise<ReprofileRound> {
  const started = performance.now()
  const inactive = o.all.filter((id) => !o.active.includes(id))
  const { batches, tooLarge } = batchesWithin(inactive, o.costOf, o.budget)
  const exact = new Map<string, ModelOutput[]>()
  const skipped = [...tooLarge]
  let loadMs = 0
  let unloadMs = 0
  const timed = async (fn: () => Promise<void>): Promise<number> => {
    const t = performance.now()
    await fn()
    return performance.now() - t
  }
  for (const batch of batches) {
    if (o.signal.aborted) break
    // Free the budget first: whatever is loaded and not in this batch goes.
    for (const id of o.loaded().filter((id) => !batch.includes(id))) unloadMs += await timed(() => o.unload(id))
    for (const id of batch) loadMs += await timed(() => o.load(id))
    await Promise.all(
      batch.map(async (id) => {
        try {
          const outs = await o.models.infer(id, o.buffered.map((b) => b.frame))
          exact.set(id, outs.map((r) => r.output))
        } catch {
          skipped.push(id)
        }
      })
    )
  }
  return { exact, skipped, loadMs, unloadMs, ms: performance.now() - started }
}
