// Messages between the engine and a link trainer process (one training per process).
import type { LinkDataset } from './dataset'
import type { TrainedTarget } from './train-target'
import type { TrainingConfig, TrainingProgress } from './training-config'

/** Trains the links into `targets` (model ids of the dataset). */
export type ToTrainer = { type: 'train'; dataset: LinkDataset; config: TrainingConfig; targets: string[] }

export type FromTrainer =
  | { type: 'started'; backend: string }
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'target'; trained: TrainedTarget }
  | { type: 'done' }
  | { type: 'failed'; message: string }
