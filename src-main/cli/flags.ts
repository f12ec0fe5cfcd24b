// Command-line flags: strict parsing (an unknown or malformed flag is a usage error, exit 2) and
// the whole-number check every counting flag needs.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './usage-error'

type Options = NonNullable<ParseArgsConfig['options']>

export function parseFlags<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
}

/** `--name N` as a whole number >= min, or undefined when absent. */
export function wholeFlag(text: string | undefined, name: string, min = 1): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got '${text}'.`)
  return Number(text)
}
