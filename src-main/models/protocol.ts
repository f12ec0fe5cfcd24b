// Messages between the model manager and a model worker process. A discriminated union both
// ways; every call carries an id that its result, or its cancel, names.
import type { BackendReport } from '../api/contract'
import type { WorkerDefinition } from './definition'
import type { Frame } from './frame'
import type { ModelOutput } from './output-spec'

export interface InferredOutput {
  output: ModelOutput
  /** The model's own result, kept for display (boxes, labels, scores). */
  raw: unknown
  inferMs: number
}

export interface WorkerCostSample {
  /** Bytes of weights held as tensors after load. */
  weightsBytes: number
  /** Highest tensor bytes during one inference, weights included. */
  peakTensorBytes: number
  /** Latency of every measured call, after the warm-up calls. */
  latenciesMs: number[]
}

export type WorkerCall =
  | { op: 'infer'; frames: Frame[] }
  | { op: 'cost'; frames: Frame[]; warmup: number }
  | { op: 'health' }

export type WorkerCallResult =
  | { op: 'infer'; outputs: InferredOutput[] }
  | { op: 'cost'; sample: WorkerCostSample }
  | { op: 'health'; rssBytes: number; tensorBytes: number; tensors: number }

export interface WireError {
  code: 'load_failed' | 'infer_failed' | 'output_mismatch' | 'cancelled' | 'bad_message'
  message: string
}

export type ToWorker =
  | { type: 'load'; definition: WorkerDefinition }
  | ({ type: 'call'; id: number } & WorkerCall)
  | { type: 'cancel'; id: number }
  | { type: 'shutdown' }

export type FromWorker =
  | { type: 'ready'; backend: BackendReport; weightsBytes: number; loadMs: number }
  | { type: 'failed'; error: WireError }
  | { type: 'result'; id: number; ok: true; value: WorkerCallResult }
  | { type: 'result'; id: number; ok: false; error: WireError }
  | { type: 'event'; level: 'info' | 'warn' | 'error'; message: string }
