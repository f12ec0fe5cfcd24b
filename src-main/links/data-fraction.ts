// The data-fraction study: how well links do when trained on only the first few percent of the
// training frames (time order kept), evaluated on the same test block every time.
import type { LinkDataset } from './dataset'
import { trainRun } from './train-run'
import type { TargetEvaluation } from './evaluation'
import type { TrainedTarget } from './train-target'
import type { TrainingConfig } from './training-config'

export const PAPER_FRACTIONS = [0.01, 0.05, 0.1, 0.2, 0.48]

export interface FractionResult {
  fraction: number
  trainFrames: number
  targets: Pick<TargetEvaluation, 'target' | 'constant' | 'bestSingle' | 'guarded'>[]
}

/** The first `fraction` of the training frames of each segment (at least 2 per segment). */
export function shrinkTraining(ds: LinkDataset, fraction: number): LinkDataset {
  const bySegment = new Map<string, number[]>()
  for (const i of ds.split.train) bySegment.set(ds.frames[i]!.segment, [...(bySegment.get(ds.frames[i]!.segment) ?? []), i])
  const train = [...bySegment.values()].flatMap((idx) => idx.slice(0, Math.max(2, Math.round(idx.length * fraction))))
  return { ...ds, split: { ...ds.split, train } }
}

export async function dataFractionStudy(ds: LinkDataset, config: TrainingConfig, fractions: readonly number[], onFraction: (r: FractionResult) => void): Promise<FractionResult[]> {
  const results: FractionResult[] = []
  for (const fraction of fractions) {
    const shrunk = shrinkTraining(ds, fraction)
    const trained: TrainedTarget[] = []
    await trainRun(shrunk, config, { progress: () => undefined, target: (t) => trained.push(t) })
    const result: FractionResult = {
      fraction,
      trainFrames: shrunk.split.train.length,
      targets: trained.map(({ evaluation: e }) => ({ target: e.target, constant: e.constant, bestSingle: e.bestSingle, guarded: e.guarded }))
    }
    onFraction(result)
    results.push(result)
  }
  return results
}
