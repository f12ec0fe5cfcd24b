// Command-line flags: strict parsing (an unknown or malformed flag is a usage error, exit 2) and
// the whole-number check every counting flag needs.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { CostType } from '../selection/problem'
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

/** `--cost memory|latency`; memory when absent. */
export function costFlag(text: string | undefined): CostType {
  const value = text ?? 'memory'
  if (value !== 'memory' && value !== 'latency') throw new UsageError(`--cost is 'memory' or 'latency', not '${value}'.`)
  return value
}

/** `--name X` as a share in (0, 1], or `fallback` when absent. */
export function shareFlag(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!(value > 0 && value <= 1)) throw new UsageError(`--${name} is a share of the cost of running every model, in (0, 1]: got '${text}'.`)
  return value
}
