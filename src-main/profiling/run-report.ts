// Everything the Runs page shows of one profiling run: its models with their measured costs, the
// link matrix, the accuracy-vs-budget curve, and what the runtime chose and measured with its links.
import type { RunReport } from '../api/contract'
import { ApiError } from '../api/errors'
import { hasSubsetTable } from '../links/evaluation'
import type { LinkTrainer } from '../links/link-trainer'
import type { ModelManager } from '../models/model-manager'
import { linkTableProblem } from '../selection/link-table'
import { paretoCurve, PARETO_SHARES } from '../selection/pareto'
import type { CostType } from '../selection/problem'
import type { ProfilesRepo } from '../store/profiles-repo'
import type { RuntimeRepo } from '../store/runtime-repo'

export function runReport(deps: { profiles: ProfilesRepo; trainer: LinkTrainer; models: ModelManager; runtime: RuntimeRepo }, runId: number, costType: CostType = 'memory'): RunReport {
  const run = deps.profiles.get(runId)
  if (!run) throw new ApiError('not_found', `No profiling run ${runId}.`)
  const costs = run.models.map((m) => {
    const cost = deps.models.cost(m.id)
    return { modelId: m.id, version: m.version, memoryBytes: cost?.memoryBytes ?? null, latencyMs: cost?.latencyP50Ms ?? null }
  })
  const matrix = safe(() => deps.trainer.matrix(runId))
  let pareto: RunReport['pareto'] = []
  let paretoNote: string | null = null
  const missing = costs.filter((c) => (costType === 'memory' ? c.memoryBytes : c.latencyMs) === null).map((c) => c.modelId)
  if (!matrix) paretoNote = 'Train the links of this run to see its accuracy-vs-budget curve.'
  else if (!matrix.targets.every(hasSubsetTable)) paretoNote = 'The links were trained before active-set scores were kept: train them again for the curve.'
  else if (missing.length) paretoNote = `Measure the cost of ${missing.join(', ')} (Models page) for the curve.`
  else {
    const byId = new Map(costs.map((c) => [c.modelId, costType === 'memory' ? c.memoryBytes! : c.latencyMs!]))
    // Under latency the links count 0 here: measuring them would mean building them for a report.
    const problem = linkTableProblem({ evaluations: matrix.targets, modelCost: (id) => byId.get(id)!, costType, linkBytes: deps.trainer.linkBytes(runId), linkMs: 0, split: 'test' })
    pareto = paretoCurve(problem, PARETO_SHARES)
  }
  const selections = deps.runtime.selections(5000).filter((s) => s.details['runId'] === runId)
  const accuracy = selections.length ? deps.runtime.accuracySamples({ since: selections[0]!.at }) : []
  return { run, costType, costs, matrix, pareto, paretoNote, selections, accuracy }
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn()
  } catch {
    return null
  }
}
