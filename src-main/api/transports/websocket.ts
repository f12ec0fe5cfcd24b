// Engine events over one WebSocket per client. Clients say which topics they want; a client
// that cannot keep up loses events (counted) instead of growing the server's memory.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventBus } from '../event-bus'

/** Above this many unsent bytes a client is skipped for an event. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export type ClientMessage = { type: 'subscribe' | 'unsubscribe'; topics: string[] }
export type ServerMessage =
  | { type: 'event'; topic: string; payload: unknown }
  /** Answers each subscribe/unsubscribe once it is in force. */
  | { type: 'ack' }
  | { type: 'error'; message: string }

export class EventSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  private readonly topics = new Map<WebSocket, Set<string>>()
  private readonly unsubscribe: () => void
  dropped = 0

  constructor(bus: EventBus) {
    this.unsubscribe = bus.subscribeAll((topic, payload) => this.broadcast(topic, payload))
    this.wss.on('connection', (ws) => this.adopt(ws))
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req))
  }

  close(): void {
    this.unsubscribe()
    for (const ws of this.wss.clients) ws.terminate()
    this.wss.close()
  }

  private adopt(ws: WebSocket): void {
    this.topics.set(ws, new Set())
    ws.on('close', () => this.topics.delete(ws))
    ws.on('message', (data) => {
      const message = parseClientMessage(String(data))
      const set = this.topics.get(ws)
      if (!message || !set) {
        send(ws, { type: 'error', message: 'Expected {"type":"subscribe"|"unsubscribe","topics":[...]}' })
        return
      }
      for (const t of message.topics) message.type === 'subscribe' ? set.add(t) : set.delete(t)
      send(ws, { type: 'ack' })
    })
  }

  private broadcast(topic: string, payload: unknown): void {
    let frame: string | undefined
    for (const [ws, set] of this.topics) {
      if (!set.has(topic) && !set.has('*')) continue
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.dropped++
        continue
      }
      frame ??= JSON.stringify({ type: 'event', topic, payload } satisfies ServerMessage)
      ws.send(frame)
    }
  }
}

function send(ws: WebSocket, message: ServerMessage): void {
  ws.send(JSON.stringify(message))
}

function parseClientMessage(text: string): ClientMessage | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClientMessage>
    const okType = value.type === 'subscribe' || value.type === 'unsubscribe'
    const okTopics = Array.isArray(value.topics) && value.topics.every((t) => typeof t === 'string')
    return okType && okTopics ? (value as ClientMessage) : undefined
  } catch {
    return undefined
  }
}
