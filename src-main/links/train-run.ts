// Trains every link of a profiling run, target by target (all links into a target in one
// graph). CPU-heavy: the engine runs it in a trainer process (trainer-main.ts).
import type { LinkDataset } from './dataset'
import { trainTarget, type TrainedTarget } from './train-target'
import type { TrainingConfig, TrainingProgress } from './training-config'

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
