// Over `mlink serve`: POST /api/<method> for calls, one WebSocket for events, reconnecting
// with capped exponential backoff and jitter, re-subscribing every topic after a reconnect.
import { ApiError, isErrorShape } from '../../src-main/api/errors'
import type { ConnectionState, Transport } from './transport'

export interface HttpTransportOptions {
  /** Base URL of the engine, ending in '/'. */
  base: string
  token?: string
  /** First reconnect delay; doubles up to maxDelayMs. Defaults 500 and 10000. */
  minDelayMs?: number
  maxDelayMs?: number
}

export class HttpTransport implements Transport {
  readonly kind = 'http'
  private socket: WebSocket | undefined
  private state: ConnectionState = 'connecting'
  private attempts = 0
  private closed = false
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>()
  private readonly listeners = new Set<(state: ConnectionState) => void>()
  /** Subscribe/unsubscribe messages sent on the current socket, and how many the server acked. */
  private sent = 0
  private acked = 0
  private waiters: (() => void)[] = []

  constructor(private readonly options: HttpTransportOptions) {
    this.connect()
  }

  async invoke(method: string, params: unknown): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`
    let response: Response
    try {
      response = await fetch(`${this.options.base}api/${method}`, { method: 'POST', headers, body: JSON.stringify(params ?? {}) })
    } catch (err) {
      throw new ApiError('unavailable', `The engine is not reachable (${String(err)}).`)
    }
    const body = (await response.json().catch(() => undefined)) as { result?: unknown; error?: unknown } | undefined
    if (body && isErrorShape(body.error)) throw ApiError.fromShape(body.error)
    if (!response.ok || !body) throw new ApiError('internal', `Unexpected answer from the engine (HTTP ${response.status}).`)
    return body.result
  }

  subscribe(topic: string, handler: (payload: unknown) => void): () => void {
    let set = this.handlers.get(topic)
    if (!set) {
      set = new Set()
      this.handlers.set(topic, set)
      this.sendTopics('subscribe', [topic])
    }
    set.add(handler)
    return () => {
      const current = this.handlers.get(topic)
      current?.delete(handler)
      if (current && current.size === 0) {
        this.handlers.delete(topic)
        this.sendTopics('unsubscribe', [topic])
      }
    }
  }

  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve)
      this.releaseWaiters()
    })
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener)
    listener(this.state)
    return () => this.listeners.delete(listener)
  }

  close(): void {
    this.closed = true
    clearTimeout(this.retryTimer)
    this.socket?.close()
    this.setState('closed')
  }

  private connect(): void {
    const url = new URL('ws', this.options.base)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    if (this.options.token) url.searchParams.set('token', this.options.token)
    this.setState('connecting')
    const socket = new WebSocket(url)
    this.socket = socket
    this.sent = 0
    this.acked = 0
    socket.onopen = () => {
      this.attempts = 0
      this.sendTopics('subscribe', [...this.handlers.keys()])
      this.setState('open')
      this.releaseWaiters()
    }
    socket.onmessage = (message) => this.dispatch(String(message.data))
    socket.onclose = () => {
      if (this.socket !== socket || this.closed) return
      this.setState('connecting')
      this.scheduleReconnect()
    }
  }

  private scheduleReconnect(): void {
    const min = this.options.minDelayMs ?? 500
    const max = this.options.maxDelayMs ?? 10_000
    const delay = Math.min(max, min * 2 ** this.attempts) * (0.75 + Math.random() * 0.5)
    this.attempts++
    this.retryTimer = setTimeout(() => this.connect(), delay)
  }

  private dispatch(text: string): void {
    let message: { type?: string; topic?: string; payload?: unknown }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      return
    }
    if (message.type === 'ack') {
      this.acked++
      this.releaseWaiters()
      return
    }
    if (message.type !== 'event' || typeof message.topic !== 'string') return
    for (const handler of this.handlers.get(message.topic) ?? []) handler(message.payload)
  }

  private sendTopics(type: 'subscribe' | 'unsubscribe', topics: string[]): void {
    if (topics.length > 0 && this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type, topics }))
      this.sent++
    }
  }

  private releaseWaiters(): void {
    if (this.state !== 'open' || this.acked < this.sent) return
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  private setState(state: ConnectionState): void {
    if (state === this.state && state !== 'connecting') return
    this.state = state
    for (const listener of this.listeners) listener(state)
  }
}
