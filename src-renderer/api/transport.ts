// How the renderer reaches the engine. Two implementations, chosen at run time; the rest of
// the renderer only sees this interface through the typed client.

/** 'open': calls and events flow; 'connecting': (re)establishing; 'closed': gave up or stopped. */
export type ConnectionState = 'connecting' | 'open' | 'closed'

export interface Transport {
  readonly kind: 'ipc' | 'http'
  /** Resolves with the result or rejects with an ApiError. */
  invoke(method: string, params: unknown): Promise<unknown>
  subscribe(topic: string, handler: (payload: unknown) => void): () => void
  /** Resolves once the connection is open and every subscription made so far is in force. */
  settled(): Promise<void>
  onConnection(listener: (state: ConnectionState) => void): () => void
  close(): void
}
