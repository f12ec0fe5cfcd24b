/** How links are trained; the defaults are the paper's (RMSprop, lr 0.01, 100 epochs, batch 32). */
export interface TrainingConfig {
  epochs: number
  learningRate: number
  batchSize: number
  /** Hidden units of the vector MLP layers and of the LSTMs. */
  hidden: number
  /** Token embedding width for sequence sources and targets. */
  embedding: number
  seed: number
}

export const PAPER_DEFAULTS: TrainingConfig = { epochs: 100, learningRate: 0.01, batchSize: 32, hidden: 64, embedding: 16, seed: 7 }

export type Architecture = 'vec2vec' | 'seq2vec' | 'vec2seq' | 'seq2seq'

export interface TrainingProgress {
  target: string
  epoch: number
  epochs: number
  loss: number
  /** Targets finished / all targets. */
  targetsDone: number
  targets: number
}
