// One contract suite, run unchanged over every transport: the renderer's own client code
// against the in-process router and against a real HTTP/WebSocket server on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import { ApiError } from '../../src-main/api/errors'
import type { JournalEntry } from '../../src-main/api/contract'
import { startHttpServer, type RunningHttpServer } from '../../src-main/api/transports/http-server'
import { ApiClient } from '../../src-renderer/api/client'
import { HttpTransport } from '../../src-renderer/api/http-transport'
import { startTestEngine } from '../support/engine'
import { InProcessTransport } from '../support/in-process-transport'
import type { Engine } from '../../src-main/app/compose'
import type { Transport } from '../../src-renderer/api/transport'

// Node 20 has no global WebSocket; the browser's and ws's share the API the transport uses.
;(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket

interface Harness {
  transport: Transport
  close(): Promise<void>
  server?: RunningHttpServer
}

const transports: { name: string; open: (engine: Engine) => Promise<Harness> }[] = [
  {
    name: 'in-process',
    open: async (engine) => ({ transport: new InProcessTransport(engine), close: async () => undefined })
  },
  {
    name: 'HTTP/WebSocket',
    open: async (engine) => {
      const server = await startHttpServer({ router: engine.router, bus: engine.bus, host: '127.0.0.1', port: 0 })
      const transport = new HttpTransport({ base: server.url })
      return {
        transport,
        server,
        close: async () => {
          transport.close()
          await server.close()
        }
      }
    }
  }
]

describe.each(transports)('API contract over $name', ({ open }) => {
  let stopEngine: () => void
  let engine: Engine
  let dataDir: string
  let harness: Harness
  let api: ApiClient

  beforeEach(async () => {
    ;({ engine, dataDir, stop: stopEngine } = await startTestEngine())
    harness = await open(engine)
    api = new ApiClient(harness.transport)
  })
  afterEach(async () => {
    await harness.close()
    stopEngine()
  })

  const journalCount = (): number => engine.db.prepare('SELECT COUNT(*) FROM journal').pluck().get() as number

  it('answers a call with the engine’s own data', async () => {
    const info = await api.call('system.info', {})
    expect(info.dataDir).toBe(dataDir)
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1)
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.backend.name)
    expect(info.pid).toBe(process.pid)
  })

  it('writes a note and reads it back', async () => {
    const note = await api.call('journal.note', { message: '  camera 2 lens cleaned ', level: 'warn' })
    expect(note).toMatchObject({ message: 'camera 2 lens cleaned', level: 'warn', source: 'operator' })
    const page = await api.call('journal.list', { limit: 1 })
    expect(page.items[0]?.id).toBe(note.id)
    expect(page.nextBeforeId).toBe(note.id)
  })

  it('rejects invalid params with a validation error and writes nothing', async () => {
    const before = journalCount()
    const err = await api.call('journal.note', { message: '   ' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('invalid_params')
    expect((err as ApiError).message).toContain('a note needs some text')
    const extra = await api.call('journal.list', { limit: 5, color: 'red' } as never).catch((e: unknown) => e)
    expect((extra as ApiError).code).toBe('invalid_params')
    expect(journalCount()).toBe(before)
  })

  it('rejects an unknown method', async () => {
    const err = await harness.transport.invoke('cameras.teleport', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('unknown_method')
  })

  it('delivers events to subscribers, and stops after unsubscribe', async () => {
    const received: JournalEntry[] = []
    const unsubscribe = api.on('journal.appended', (e) => received.push(e))
    await harness.transport.settled()
    const note = await api.call('journal.note', { message: 'first' })
    await expect.poll(() => received.map((e) => e.id)).toContain(note.id)
    unsubscribe()
    await harness.transport.settled()
    await api.call('journal.note', { message: 'second' })
    // A third subscriber proves the second event was published before we look.
    const late: JournalEntry[] = []
    api.on('journal.appended', (e) => late.push(e))
    await harness.transport.settled()
    const third = await api.call('journal.note', { message: 'third' })
    await expect.poll(() => late.map((e) => e.id)).toContain(third.id)
    expect(received.map((e) => e.message)).toEqual(['first'])
  })
})

describe('HTTP transport specifics', () => {
  let stopEngine: () => void
  let engine: Engine
  let server: RunningHttpServer

  beforeEach(async () => {
    ;({ engine, stop: stopEngine } = await startTestEngine())
    server = await startHttpServer({ router: engine.router, bus: engine.bus, host: '127.0.0.1', port: 0 })
  })
  afterEach(async () => {
    await server.close()
    stopEngine()
  })

  const post = (method: string, body: string, contentType = 'application/json') =>
    fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'content-type': contentType }, body })

  it('maps errors to HTTP statuses with one error shape', async () => {
    const invalid = await post('journal.note', JSON.stringify({ message: '' }))
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_params' } })
    expect((await post('nope.nothing', '{}')).status).toBe(404)
    expect((await post('journal.note', '{not json')).status).toBe(400)
    expect((await post('journal.note', 'message=hi', 'text/plain')).status).toBe(415)
    const big = await post('journal.note', JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) }))
    expect(big.status).toBe(413)
    const ok = await post('system.info', '')
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { result: { dataDir: string } }).result.dataDir).toBe(engine.info().dataDir)
  })

  it('refuses a Host header that is not a loopback name (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}api/system.info`, { method: 'POST', headers: { host: 'evil.example:80', 'content-type': 'application/json' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(401)
  })
})
