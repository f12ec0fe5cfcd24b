// The slice of the KServe v2 / Triton HTTP/REST inference protocol the console speaks, on both
// sides: frames go as one UINT8 tensor [1, H, W, 3]; the output comes back as one tensor, numeric
// [1, D] for vector specs or BYTES [1, n] for sequence specs.
// https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/
import { z } from 'zod'
import { checkOutput, vectorLength, type ModelOutput, type OutputSpec } from '../output-spec'

/** Name of the frame input our server declares and the client sends when metadata names none. */
export const FRAME_INPUT = 'frame'
/** Name of the output tensor our server declares. */
export const OUTPUT_TENSOR = 'output'

export const NUMERIC_DATATYPES = ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64']

const tensorMetadataSchema = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number().int()) })
export type TensorMetadata = z.infer<typeof tensorMetadataSchema>

export const modelMetadataSchema = z.object({
  name: z.string(),
  versions: z.array(z.string()).optional(),
  platform: z.string().optional(),
  inputs: z.array(tensorMetadataSchema),
  outputs: z.array(tensorMetadataSchema).min(1)
})
export type ModelMetadata = z.infer<typeof modelMetadataSchema>

const outputTensorSchema = z.object({
  name: z.string(),
  datatype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data: z.array(z.union([z.number(), z.string(), z.boolean()])),
  parameters: z.record(z.string(), z.unknown()).optional()
})
export type OutputTensor = z.infer<typeof outputTensorSchema>

export const inferResponseSchema = z.object({
  model_name: z.string(),
  model_version: z.string().optional(),
  id: z.string().optional(),
  outputs: z.array(outputTensorSchema).min(1)
})
export type InferResponse = z.infer<typeof inferResponseSchema>

/** The request envelope; `data` is checked by hand (hundreds of thousands of pixels). */
export const inferRequestSchema = z.object({
  id: z.string().optional(),
  inputs: z.array(z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number()), data: z.unknown() })),
  outputs: z.array(z.object({ name: z.string() })).optional(),
  parameters: z.record(z.string(), z.unknown()).optional()
})

/** What our server declares for a spec: [1, D] FP32 for vectors, [1, -1] BYTES for sequences. */
export function outputMetadataFor(spec: OutputSpec): TensorMetadata {
  return spec.kind === 'vector'
    ? { name: OUTPUT_TENSOR, datatype: 'FP32', shape: [1, vectorLength(spec)] }
    : { name: OUTPUT_TENSOR, datatype: 'BYTES', shape: [1, -1] }
}

export function describeTensor(t: { datatype: string; shape: number[] }): string {
  return `${t.datatype} [${t.shape.join(', ')}]`
}

/** Why a declared output tensor cannot carry the spec, or null when it can (-1 = any size). */
export function outputMetadataProblem(spec: OutputSpec, tensor: TensorMetadata): string | null {
  const shape = tensor.shape.length === 2 && (tensor.shape[0] === 1 || tensor.shape[0] === -1) ? tensor.shape.slice(1) : tensor.shape
  const size = shape.length === 1 ? shape[0]! : null
  const declared = `declares its output '${tensor.name}' as ${describeTensor(tensor)}`
  if (spec.kind === 'vector') {
    const want = vectorLength(spec)
    if (!NUMERIC_DATATYPES.includes(tensor.datatype) || size === null || (size !== want && size !== -1)) {
      return `${declared}, but the output spec needs ${want} numbers: a numeric tensor [1, ${want}]`
    }
    return null
  }
  if (tensor.datatype !== 'BYTES' || size === null || (size !== -1 && size > spec.maxLength)) {
    return `${declared}, but the output spec needs up to ${spec.maxLength} tokens: a BYTES tensor [1, -1]`
  }
  return null
}

/** Why the first declared input cannot take our frames, or null when it can. */
export function inputMetadataProblem(input: TensorMetadata | undefined): string | null {
  if (!input) return null
  const fits = input.datatype === 'UINT8' && input.shape.length === 4 && (input.shape[3] === 3 || input.shape[3] === -1)
  return fits ? null : `declares its input '${input.name}' as ${describeTensor(input)}, but the console sends frames as UINT8 [1, H, W, 3]`
}

/** The model output an answered tensor carries; throws a message for output_mismatch otherwise. */
export function tensorToOutput(spec: OutputSpec, tensor: OutputTensor): ModelOutput {
  const count = tensor.shape.reduce((n, d) => n * d, 1)
  if (count !== tensor.data.length) throw new Error(`the output '${tensor.name}' says ${describeTensor(tensor)} (${count} values) but carries ${tensor.data.length}`)
  if (tensor.shape.length === 2 && tensor.shape[0] !== 1) throw new Error(`the output '${tensor.name}' is a batch of ${tensor.shape[0]}; one frame was sent`)
  let output: ModelOutput
  if (spec.kind === 'vector') {
    if (!NUMERIC_DATATYPES.includes(tensor.datatype)) throw new Error(`the output '${tensor.name}' is ${tensor.datatype}; a numeric tensor was expected`)
    const values = tensor.data.map((v) => (typeof v === 'boolean' ? Number(v) : v))
    const bad = values.findIndex((v) => typeof v !== 'number')
    if (bad >= 0) throw new Error(`value ${bad} of '${tensor.name}' is ${JSON.stringify(values[bad])}, not a number`)
    output = { kind: 'vector', values: values as number[] }
  } else {
    if (tensor.datatype !== 'BYTES') throw new Error(`the output '${tensor.name}' is ${tensor.datatype}; BYTES tokens were expected`)
    const bad = tensor.data.findIndex((t) => typeof t !== 'string')
    if (bad >= 0) throw new Error(`token ${bad} of '${tensor.name}' is ${JSON.stringify(tensor.data[bad])}, not a string`)
    output = { kind: 'sequence', tokens: tensor.data as string[] }
  }
  checkOutput(spec, output)
  return output
}

/** The tensor our server answers with for an output (already checked against the spec). */
export function outputToTensor(output: ModelOutput, raw: unknown): OutputTensor {
  const parameters = { raw: JSON.stringify(raw ?? null) }
  return output.kind === 'vector'
    ? { name: OUTPUT_TENSOR, datatype: 'FP32', shape: [1, output.values.length], data: output.values, parameters }
    : { name: OUTPUT_TENSOR, datatype: 'BYTES', shape: [1, output.tokens.length], data: output.tokens, parameters }
}
