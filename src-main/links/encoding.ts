// Model outputs as the numbers links learn from and predict: every vector part scaled to [0,1]
// (counts by their maximum, regressions by their range); and back again.
import { partWidth, type ModelOutput, type VectorSpec } from '../models/output-spec'

export function encodeVector(spec: VectorSpec, output: ModelOutput): number[] {
  if (output.kind !== 'vector') throw new Error('a vector spec needs a vector output')
  const out: number[] = []
  let offset = 0
  for (const part of spec.parts) {
    const values = output.values.slice(offset, offset + partWidth(part))
    offset += partWidth(part)
    if (part.task === 'counting') out.push(values[0]! / part.max)
    else if (part.task === 'regression') out.push((values[0]! - part.min) / (part.max - part.min))
    else out.push(...values)
  }
  return out
}

export function decodeVector(spec: VectorSpec, encoded: readonly number[]): ModelOutput {
  const values: number[] = []
  let offset = 0
  for (const part of spec.parts) {
    const slice = encoded.slice(offset, offset + partWidth(part))
    offset += partWidth(part)
    if (part.task === 'counting') values.push(Math.max(0, Math.min(part.max, slice[0]! * part.max)))
    else if (part.task === 'regression') values.push(part.min + Math.max(0, Math.min(1, slice[0]!)) * (part.max - part.min))
    else values.push(...slice)
  }
  return { kind: 'vector', values }
}

/** Width of encodeVector's result for this spec. */
export function encodedWidth(spec: VectorSpec): number {
  return spec.parts.reduce((n, part) => n + partWidth(part), 0)
}
