// The headless transport: `POST /api/<method>` for calls, `/ws` for events, the built
// renderer at `/`. Same router as Electron IPC; nothing here knows any method.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiError, httpStatusOf, type ErrorShape } from '../errors'
import type { EventBus } from '../event-bus'
import type { Router } from '../router'
import { checkAccess } from './access'
import { serveStatic } from './static-files'
import { EventSocketServer } from './websocket'

const MAX_BODY_BYTES = 1024 * 1024

export interface HttpServerOptions {
  router: Router
  bus: EventBus
  host: string
  /** 0 picks a free port. */
  port: number
  /** Folder of the built renderer; without it `/` answers 404. */
  rendererDir?: string
  /** When set, every API call and WebSocket must present it. */
  token?: string
}

export interface RunningHttpServer {
  url: string
  port: number
  close(): Promise<void>
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError'
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const events = new EventSocketServer(options.bus)
  const server = createServer((req, res) => {
    void handle(options, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, new ApiError('internal', String(err)).toShape())
      else res.destroy()
    })
  })
  server.on('upgrade', (req, socket, head) => {
    const access = checkAccess(req, options.token)
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws' || !access.ok) {
      socket.end(access.ok ? 'HTTP/1.1 404 Not Found\r\n\r\n' : 'HTTP/1.1 401 Unauthorized\r\n\r\n')
      return
    }
    events.handleUpgrade(req, socket, head)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new PortInUseError(`Port ${options.port} on ${options.host} is already in use. Pass another --port (0 picks a free one) or stop the process holding it.`))
      } else if (err.code === 'EADDRNOTAVAIL') {
        reject(new Error(`Address ${options.host} is not an address of this machine. Pass --host 127.0.0.1 or one of this machine's addresses.`))
      } else reject(err)
    })
    server.listen(options.port, options.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${hostForUrl}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        events.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

async function handle(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://x')
  if (!pathname.startsWith('/api/')) {
    if (options.rendererDir) await serveStatic(options.rendererDir, req, res)
    else res.writeHead(404).end()
    return
  }
  const access = checkAccess(req, options.token)
  if (!access.ok) return sendError(res, { code: 'unauthorized', message: access.reason })
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return sendError(res, { code: 'invalid_params', message: `Use POST for ${pathname}.` })
  }
  // Requiring JSON forces a CORS preflight, so other web pages cannot post to a local engine.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendError(res, { code: 'unsupported_media_type', message: 'Send the params as application/json.' })
  }
  const method = decodeURIComponent(pathname.slice('/api/'.length))
  let params: unknown
  try {
    params = await readJson(req)
  } catch (err) {
    return sendError(res, err instanceof ApiError ? err.toShape() : { code: 'invalid_params', message: String(err) })
  }
  try {
    const result = await options.router.call(method, params)
    sendJson(res, 200, { result: result ?? null })
  } catch (err) {
    sendError(res, err instanceof ApiError ? err.toShape() : new ApiError('internal', String(err)).toShape())
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new ApiError('payload_too_large', `Params over ${MAX_BODY_BYTES} bytes.`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (text === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError('invalid_params', 'The request body is not valid JSON.')
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

function sendError(res: ServerResponse, error: ErrorShape): void {
  sendJson(res, httpStatusOf[error.code], { error })
}
