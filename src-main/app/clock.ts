// Time is injected so schedulers, retries and timestamps are testable without sleeping.
export interface Clock {
  now(): Date
  setInterval(fn: () => void, ms: number): () => void
}

export const systemClock: Clock = {
  now: () => new Date(),
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms)
    handle.unref()
    return () => clearInterval(handle)
  }
}
