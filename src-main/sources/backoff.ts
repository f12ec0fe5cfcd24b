/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with +-25% jitter. */
export function reconnectDelayMs(attempt: number, options: { baseMs?: number; maxMs?: number; random?: () => number } = {}): number {
  const base = options.baseMs ?? 1000
  const max = options.maxMs ?? 30_000
  const random = options.random ?? Math.random
  const raw = Math.min(max, base * 2 ** attempt)
  return Math.round(raw * (0.75 + random() * 0.5))
}
