// Trains every link of a profiling run, target by target (all links into a target in one
// graph), and stores weights and scores. CPU-heavy: run it off the engine's event loop.
import type { ModelDefinition } from '../models/definition'
import type { LinksRepo } from '../store/links-repo'
import type { ProfilesRepo } from '../store/profiles-repo'
import { completeRows, timeSplit, type LinkDataset, type SplitOptions } from './dataset'
import type { TargetEvaluation } from './evaluation'
import { trainTarget } from './train-target'
import type { TrainingConfig, TrainingProgress } from './training-config'

export function loadDataset(profiles: ProfilesRepo, runId: number, definitions: ModelDefinition[], split: SplitOptions = {}): LinkDataset {
  const run = profiles.get(runId)
  if (!run) throw new Error(`No profiling run ${runId}.`)
  if (run.status !== 'done') throw new Error(`Profiling run ${runId} is ${run.status}: links train on a finished run.`)
  const models = run.models.map((m) => {
    const def = definitions.find((d) => d.id === m.id)
    if (!def) throw new Error(`Run ${runId} used model '${m.id}', which is no longer known.`)
    return def
  })
  const { frames, outputs } = completeRows(profiles.frames(runId), profiles.outputs(runId, run.models))
  if (frames.length < 10) throw new Error(`Run ${runId} has ${frames.length} complete frames: profile at least 10.`)
  return { runId, models, frames, outputs, split: timeSplit(frames, split) }
}

export async function trainRun(
  ds: LinkDataset,
  config: TrainingConfig,
  links: LinksRepo,
  hooks: { progress(p: TrainingProgress): void; signal?: AbortSignal; now(): string }
): Promise<(TargetEvaluation & { seconds: number })[]> {
  const results: (TargetEvaluation & { seconds: number })[] = []
  for (const [i, target] of ds.models.entries()) {
    const trained = await trainTarget(ds, target, config, {
      signal: hooks.signal,
      progress: (p) => hooks.progress({ ...p, targetsDone: i, targets: ds.models.length })
    })
    links.saveTarget(ds.runId, trained.evaluation, trained.links, config, trained.seconds, hooks.now())
    results.push({ ...trained.evaluation, seconds: trained.seconds })
  }
  return results
}
