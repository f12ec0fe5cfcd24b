// The renderer's Transport straight over the engine's router and bus, with no wire between:
// the reference transport of the contract suite, and the client the store tests use.
import { ApiError } from '../../src-main/api/errors'
import type { EventName } from '../../src-main/api/contract'
import type { Engine } from '../../src-main/app/compose'
import type { ConnectionState, Transport } from '../../src-renderer/api/transport'

export class InProcessTransport implements Transport {
  readonly kind = 'ipc'
  constructor(private readonly engine: Engine) {}

  async invoke(method: string, params: unknown): Promise<unknown> {
    try {
      // A JSON round trip, as every real transport makes, so nothing unserialisable slips through.
      return JSON.parse(JSON.stringify((await this.engine.router.call(method, params)) ?? null)) as unknown
    } catch (err) {
      throw err instanceof ApiError ? ApiError.fromShape(err.toShape()) : err
    }
  }

  subscribe(topic: string, handler: (payload: unknown) => void): () => void {
    return this.engine.bus.subscribeAll((t: EventName, payload) => {
      if (t === topic) handler(JSON.parse(JSON.stringify(payload)) as unknown)
    })
  }

  async settled(): Promise<void> {}

  onConnection(listener: (state: ConnectionState) => void): () => void {
    listener('open')
    return () => undefined
  }

  close(): void {}
}
