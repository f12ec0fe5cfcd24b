// Back-pressure between a camera and its consumers: one slot holding the newest frame. A frame
// that is replaced before any consumer took it is dropped and counted, so a slow consumer never
// makes memory grow.
import type { Frame } from '../models/frame'

export class FrameSlot {
  private frame: Frame | undefined
  private taken = true
  private waiters: ((frame: Frame | undefined) => void)[] = []
  private closed = false
  private consumers = 0
  /** Frames replaced before a consumer took them, while at least one consumer was reading. */
  dropped = 0

  put(frame: Frame): void {
    if (this.closed) return
    const waiter = this.waiters.shift()
    if (waiter) {
      this.frame = frame
      this.taken = true
      waiter(frame)
      for (const w of this.waiters.splice(0)) w(frame)
      return
    }
    if (!this.taken && this.consumers > 0) this.dropped++
    this.frame = frame
    this.taken = false
  }

  /** The newest frame, whether or not it was taken (snapshots). */
  latest(): Frame | undefined {
    return this.frame
  }

  /** Yields each new frame once; frames that arrive faster than the loop body runs are dropped. */
  async *frames(signal?: AbortSignal): AsyncGenerator<Frame> {
    this.consumers++
    try {
      while (!this.closed && !signal?.aborted) {
        const frame = await this.next(signal)
        if (!frame) return
        yield frame
      }
    } finally {
      this.consumers--
    }
  }

  close(): void {
    this.closed = true
    for (const w of this.waiters.splice(0)) w(undefined)
  }

  private next(signal?: AbortSignal): Promise<Frame | undefined> {
    if (!this.taken && this.frame) {
      this.taken = true
      return Promise.resolve(this.frame)
    }
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== done)
        resolve(undefined)
      }
      const done = (frame: Frame | undefined): void => {
        signal?.removeEventListener('abort', onAbort)
        resolve(frame)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(done)
    })
  }
}
