// The line protocol of command models: one JSON object per line on the program's stdin and
// stdout. The program owns its runtime; the console only sees these lines (README: "command
// models", also /tmp/command-protocol.md while unreleased).
//
//   program -> console   {"type":"ready"}                                  once, when it can take frames
//   console -> program   {"type":"infer","id":N,"width":W,"height":H,"format":"rgb24","data":"<base64>"}
//   program -> console   {"type":"result","id":N,"output":[...numbers]}     vector specs
//                        {"type":"result","id":N,"tokens":["..."]}          sequence specs
//                        (either may add "raw": any JSON, kept for display)
//                        {"type":"error","id":N,"message":"..."}            this frame failed
//                        {"type":"error","message":"..."}                   before ready: cannot load
//   console -> program   {"type":"shutdown"}                               then stdin closes
//
// Any other stdout line, and all of stderr, goes to the log: libraries that print banners do not
// break the protocol.
import { z } from 'zod'
import type { Frame } from '../frame'
import type { ModelOutput, OutputSpec } from '../output-spec'

export type ToCommand =
  | { type: 'infer'; id: number; width: number; height: number; format: 'rgb24'; data: string }
  | { type: 'shutdown' }

const replySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    output: z.unknown().optional(),
    tokens: z.unknown().optional(),
    raw: z.unknown().optional()
  }),
  z.object({ type: z.literal('error'), id: z.number().int().optional(), message: z.string() })
])

export type CommandReply = z.infer<typeof replySchema>

/**
 * A protocol line, or null for a line that is not one (plain text, other JSON) and belongs in
 * the log. A line that claims a protocol type but breaks its shape is returned as a problem so
 * the caller can fail the frame it names instead of waiting for a timeout.
 */
export function parseReply(line: string): { reply: CommandReply } | { malformed: string; id: number | null } | null {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null || !('type' in value)) return null
  const type = (value as { type: unknown }).type
  if (type !== 'ready' && type !== 'result' && type !== 'error') return null
  const parsed = replySchema.safeParse(value)
  if (parsed.success) return { reply: parsed.data }
  const id = (value as { id?: unknown }).id
  return { malformed: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '), id: typeof id === 'number' ? id : null }
}

export function inferLine(id: number, frame: Frame): string {
  const message: ToCommand = {
    type: 'infer',
    id,
    width: frame.width,
    height: frame.height,
    format: 'rgb24',
    data: Buffer.from(frame.rgb.buffer, frame.rgb.byteOffset, frame.rgb.byteLength).toString('base64')
  }
  return JSON.stringify(message) + '\n'
}

export const SHUTDOWN_LINE = JSON.stringify({ type: 'shutdown' } satisfies ToCommand) + '\n'

/**
 * The output a result line carries, in the shape the spec asks for; throws a message for the
 * output_mismatch error otherwise (the values themselves are checked by checkOutput afterwards).
 */
export function resultOutput(spec: OutputSpec, reply: Extract<CommandReply, { type: 'result' }>): ModelOutput {
  if (spec.kind === 'vector') {
    const values = reply.output
    if (!Array.isArray(values)) throw new Error('a vector model must answer with "output": [numbers...]')
    const bad = values.findIndex((v) => typeof v !== 'number')
    if (bad >= 0) throw new Error(`"output"[${bad}] is ${JSON.stringify(values[bad])}, not a number`)
    return { kind: 'vector', values: values as number[] }
  }
  const tokens = reply.tokens
  if (!Array.isArray(tokens)) throw new Error('a sequence model must answer with "tokens": ["..."]')
  const bad = tokens.findIndex((t) => typeof t !== 'string')
  if (bad >= 0) throw new Error(`"tokens"[${bad}] is ${JSON.stringify(tokens[bad])}, not a string`)
  return { kind: 'sequence', tokens: tokens as string[] }
}
