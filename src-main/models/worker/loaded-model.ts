import type { BackendReport } from '../../api/contract'
import type { Frame } from '../frame'
import type { ModelOutput } from '../output-spec'

/** A model loaded inside a worker process (or behind `mlink worker --listen`). */
export interface LoadedModel {
  backend: BackendReport
  /** Tensor bytes the weights hold. */
  weightsBytes: number
  infer(frame: Frame): Promise<{ output: ModelOutput; raw: unknown }>
  /** Highest tensor bytes (weights included) while inferring one frame. */
  peakTensorBytes(frame: Frame): Promise<number>
  tensorMemory(): { bytes: number; tensors: number }
}
