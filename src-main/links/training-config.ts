/** How links are trained; the defaults are the paper's (RMSprop, lr 0.01, 100 epochs, batch 32). */
export interface TrainingConfig {
  /** Most epochs; training stops earlier when the validation loss stops improving (patience). */
  epochs: number
  /** Epochs without a better validation loss before stopping (the best weights are kept); 0 trains every epoch. */
  patience: number
  learningRate: number
  batchSize: number
  /** Hidden units of the vector MLP layers and of the LSTMs. */
  hidden: number
  /** Token embedding width for sequence sources and targets. */
  embedding: number
  seed: number
}

export const PAPER_DEFAULTS: TrainingConfig = { epochs: 100, patience: 10, learningRate: 0.01, batchSize: 32, hidden: 64, embedding: 16, seed: 7 }

export type Architecture = 'vec2vec' | 'seq2vec' | 'vec2seq' | 'seq2seq'

export interface TrainingProgress {
  target: string
  epoch: number
  epochs: number
  loss: number
  /** Loss on the validation block after this epoch. */
  validationLoss: number
  /** Each link's own losses after this epoch (training frames, validation frames). */
  links?: LinkLoss[]
  /** Targets finished / all targets. */
  targetsDone: number
  targets: number
}

export interface LinkLoss {
  source: string
  loss: number
  validationLoss: number
}
