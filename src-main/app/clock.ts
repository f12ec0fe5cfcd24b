// Time is injected so schedulers, retries and timestamps are testable without sleeping.
export interface Clock {
  now(): Date
  setInterval(fn: () => void, ms: number): () => void
  /** Runs fn once after ms; returns the cancel function. */
  setTimeout(fn: () => void, ms: number): () => void
}

export const systemClock: Clock = {
  now: () => new Date(),
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms)
    handle.unref()
    return () => clearInterval(handle)
  },
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms)
    return () => clearTimeout(handle)
  }
}
