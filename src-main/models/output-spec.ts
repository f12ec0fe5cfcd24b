// What a model's output means: its shape (a fixed-length vector of named parts, or a
// variable-length token sequence) and its task, which fixes the link's output activation and
// loss and the metric normalised to [0,1]. "Nothing detected" is always representable.
import { z } from 'zod'

/** One labelled class out of several; values are class probabilities (soft labels where the model gives them). */
export interface SingleLabelPart {
  name: string
  task: 'single-label'
  /** Include an explicit 'none' label where the model may see nothing. */
  labels: string[]
}

/** Independent yes/no per label (presence); values are 0..1, decided at 0.5. */
export interface MultiLabelPart {
  name: string
  task: 'multi-label'
  labels: string[]
}

/** A count of things, 0..max; metric 1 - |error| / max. */
export interface CountingPart {
  name: string
  task: 'counting'
  max: number
}

/** A real number in [min, max]; metric 1 - |error| / (max - min). */
export interface RegressionPart {
  name: string
  task: 'regression'
  min: number
  max: number
  unit?: string
}

/** A box [x, y, w, h] normalised to the frame; all zeros = no box; metric IoU (both empty = 1). */
export interface LocalizationPart {
  name: string
  task: 'localization'
}

export type VectorPart = SingleLabelPart | MultiLabelPart | CountingPart | RegressionPart | LocalizationPart

export interface VectorSpec {
  kind: 'vector'
  parts: VectorPart[]
}

/** Tokens from a declared vocabulary, at most maxLength of them; metric 1 - WER. */
export interface SequenceSpec {
  kind: 'sequence'
  task: 'sequence'
  vocabulary: string[]
  maxLength: number
}

export type OutputSpec = VectorSpec | SequenceSpec

export type ModelOutput = { kind: 'vector'; values: number[] } | { kind: 'sequence'; tokens: string[] }

/** Width of a part inside the output vector. */
export function partWidth(part: VectorPart): number {
  switch (part.task) {
    case 'single-label':
    case 'multi-label':
      return part.labels.length
    case 'localization':
      return 4
    case 'counting':
    case 'regression':
      return 1
  }
}

export function vectorLength(spec: VectorSpec): number {
  return spec.parts.reduce((n, p) => n + partWidth(p), 0)
}

/** Names of every dimension, e.g. `gender:male`, `count`, `box:x`. */
export function dimensionNames(spec: VectorSpec): string[] {
  return spec.parts.flatMap((p) => {
    switch (p.task) {
      case 'single-label':
      case 'multi-label':
        return p.labels.map((l) => `${p.name}:${l}`)
      case 'localization':
        return ['x', 'y', 'w', 'h'].map((c) => `${p.name}:${c}`)
      default:
        return [p.name]
    }
  })
}

export class OutputMismatchError extends Error {
  override readonly name = 'OutputMismatchError'
}

/** Throws an actionable error when an output does not fit its spec. */
export function checkOutput(spec: OutputSpec, output: ModelOutput): void {
  if (spec.kind !== output.kind) {
    throw new OutputMismatchError(`expected a ${spec.kind} output, got a ${output.kind}`)
  }
  if (spec.kind === 'vector' && output.kind === 'vector') {
    const want = vectorLength(spec)
    if (output.values.length !== want) {
      throw new OutputMismatchError(`expected ${want} values (${dimensionNames(spec).join(', ')}), got ${output.values.length}`)
    }
    const bad = output.values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v))
    if (bad >= 0) throw new OutputMismatchError(`value ${bad} (${dimensionNames(spec)[bad]}) is not a finite number`)
    return
  }
  if (spec.kind === 'sequence' && output.kind === 'sequence') {
    if (output.tokens.length > spec.maxLength) {
      throw new OutputMismatchError(`expected at most ${spec.maxLength} tokens, got ${output.tokens.length}`)
    }
    const vocab = new Set(spec.vocabulary)
    const unknown = output.tokens.find((t) => !vocab.has(t))
    if (unknown !== undefined) throw new OutputMismatchError(`token '${unknown}' is not in the declared vocabulary`)
  }
}

const name = z.string().min(1).max(64)
const labels = z.array(z.string().min(1).max(64)).min(1).max(1000)

/** Validates an output spec written by a user (model folders, command and remote models). */
export const outputSpecSchema: z.ZodType<OutputSpec> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('vector'),
    parts: z
      .array(
        z.discriminatedUnion('task', [
          z.strictObject({ name, task: z.literal('single-label'), labels: labels.min(2) }),
          z.strictObject({ name, task: z.literal('multi-label'), labels }),
          z.strictObject({ name, task: z.literal('counting'), max: z.number().int().positive() }),
          z.strictObject({ name, task: z.literal('regression'), min: z.number(), max: z.number(), unit: z.string().optional() }),
          z.strictObject({ name, task: z.literal('localization') })
        ])
      )
      .min(1)
  }),
  z.strictObject({
    kind: z.literal('sequence'),
    task: z.literal('sequence'),
    vocabulary: labels,
    maxLength: z.number().int().positive().max(1000)
  })
])
