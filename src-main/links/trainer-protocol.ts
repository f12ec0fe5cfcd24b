// Messages between the engine and a link trainer process (one training per process).
import type { FractionResult } from './data-fraction'
import type { LinkDataset } from './dataset'
import type { TrainedTarget } from './train-target'
import type { TrainingConfig, TrainingProgress } from './training-config'

/** Trains the links into `targets` (model ids of the dataset), or runs the data-fraction study. */
export type ToTrainer =
  | { type: 'train'; dataset: LinkDataset; config: TrainingConfig; targets: string[] }
  | { type: 'fractions'; dataset: LinkDataset; config: TrainingConfig; fractions: number[] }

export type FromTrainer =
  | { type: 'started'; backend: string }
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'target'; trained: TrainedTarget }
  | { type: 'fraction'; result: FractionResult }
  | { type: 'done' }
  | { type: 'failed'; message: string }
