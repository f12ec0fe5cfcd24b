// A profiling run as link training data: the frames on which every model has an output, split
// by time — per footage segment, the last block is the test set and the block before it the
// validation set — never by random frames, whose neighbours would leak into training.
import type { ModelOutput } from '../models/output-spec'
import type { ModelDefinition } from '../models/definition'
import type { ProfilesRepo, RunFrame } from '../store/profiles-repo'

export interface LinkDataset {
  runId: number
  models: ModelDefinition[]
  frames: RunFrame[]
  /** Per model, its output on each of `frames` (complete rows only). */
  outputs: Map<string, ModelOutput[]>
  split: Split
}

export interface Split {
  train: number[]
  validation: number[]
  test: number[]
}

export interface SplitOptions {
  /** Share of each segment's frames, at its end, held out for testing. Default 0.3. */
  testFraction?: number
  /** Share of the remaining frames, at their end, for validation (ensemble guard). Default 0.2. */
  validationFraction?: number
}

export function timeSplit(frames: readonly RunFrame[], options: SplitOptions = {}): Split {
  const testFraction = options.testFraction ?? 0.3
  const validationFraction = options.validationFraction ?? 0.2
  const bySegment = new Map<string, number[]>()
  frames.forEach((f, i) => bySegment.set(f.segment, [...(bySegment.get(f.segment) ?? []), i]))
  const split: Split = { train: [], validation: [], test: [] }
  for (const indices of bySegment.values()) {
    const testCount = Math.max(1, Math.round(indices.length * testFraction))
    const rest = indices.slice(0, indices.length - testCount)
    const validationCount = Math.max(1, Math.round(rest.length * validationFraction))
    split.test.push(...indices.slice(indices.length - testCount))
    split.validation.push(...rest.slice(rest.length - validationCount))
    split.train.push(...rest.slice(0, rest.length - validationCount))
  }
  return split
}

/** Keeps the frames where every model answered, so every link sees aligned rows. */
export function completeRows(frames: RunFrame[], outputs: Map<string, (ModelOutput | null)[]>): { frames: RunFrame[]; outputs: Map<string, ModelOutput[]> } {
  const keep = frames.map((_, i) => [...outputs.values()].every((o) => o[i] !== null))
  const filtered = new Map<string, ModelOutput[]>()
  for (const [id, list] of outputs) filtered.set(id, list.filter((_, i) => keep[i]) as ModelOutput[])
  return { frames: frames.filter((_, i) => keep[i]), outputs: filtered }
}

/** A finished profiling run as link data: complete rows only, split by time. */
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
