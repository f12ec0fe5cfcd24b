// Trains every link of a profiling run, target by target (all links into a target in one
// graph). CPU-heavy: the engine runs it in a trainer process (trainer-main.ts).
import type { ModelDefinition } from '../models/definition'
import type { ProfilesRepo } from '../store/profiles-repo'
import { completeRows, timeSplit, type LinkDataset, type SplitOptions } from './dataset'
import { trainTarget, type TrainedTarget } from './train-target'
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
  hooks: { progress(p: TrainingProgress): void; target(trained: TrainedTarget): void; signal?: AbortSignal },
  targets: readonly string[] = ds.models.map((m) => m.id)
): Promise<void> {
  const chosen = ds.models.filter((m) => targets.includes(m.id))
  for (const [i, target] of chosen.entries()) {
    const trained = await trainTarget(ds, target, config, {
      signal: hooks.signal,
      progress: (p) => hooks.progress({ ...p, targetsDone: i, targets: chosen.length })
    })
    hooks.target(trained)
  }
}
