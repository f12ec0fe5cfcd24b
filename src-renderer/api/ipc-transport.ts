import { ApiError } from '../../src-main/api/errors'
import type { ConnectionState, Transport } from './transport'

/** Over the Electron preload bridge: always connected while the window lives. */
export class IpcTransport implements Transport {
  readonly kind = 'ipc'
  constructor(private readonly bridge: MlinkBridge) {}

  async invoke(method: string, params: unknown): Promise<unknown> {
    const reply = await this.bridge.invoke(method, params)
    if (!reply.ok) throw ApiError.fromShape(reply.error)
    return reply.result
  }

  subscribe(topic: string, handler: (payload: unknown) => void): () => void {
    return this.bridge.subscribe(topic, handler)
  }

  async settled(): Promise<void> {}

  onConnection(listener: (state: ConnectionState) => void): () => void {
    listener('open')
    return () => undefined
  }

  close(): void {}
}
