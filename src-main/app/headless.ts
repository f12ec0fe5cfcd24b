// `mlink serve`: the engine plus the HTTP/WebSocket transport and the built renderer.
import { isLoopbackHost } from '../api/transports/access'
import { startHttpServer } from '../api/transports/http-server'
import { loadOrCreateToken } from './access-token'
import type { BundlePaths } from './bundle-paths'
import { createEngine, type Engine } from './compose'

export interface HeadlessOptions {
  host: string
  port: number
  dataDir: string
  paths: BundlePaths
}

export interface Headless {
  engine: Engine
  url: string
  port: number
  /** Present when the host is not loopback: clients must send it. */
  token?: string
  tokenCreated: boolean
  close(): Promise<void>
}

export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  const engine = await createEngine({ dataDir: options.dataDir, shell: 'headless', paths: options.paths, resumeRuntime: true })
  try {
    const guarded = !isLoopbackHost(options.host)
    const access = guarded ? loadOrCreateToken(options.dataDir) : undefined
    const server = await startHttpServer({
      router: engine.router,
      bus: engine.bus,
      host: options.host,
      port: options.port,
      token: access?.token,
      rendererDir: options.paths.rendererDir
    })
    engine.journal.info('engine', `Console served at ${server.url}${guarded ? ' (access token required)' : ''}`)
    return {
      engine,
      url: server.url,
      port: server.port,
      token: access?.token,
      tokenCreated: access?.created ?? false,
      async close() {
        await server.close()
        await engine.close()
      }
    }
  } catch (err) {
    await engine.close()
    throw err
  }
}
