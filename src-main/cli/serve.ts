import type { BundlePaths } from '../app/bundle-paths'
import { startHeadless } from '../app/headless'
import { resolveDataDir } from '../store/data-dir'
import { parseFlags } from './flags'
import { untilStopped } from './until-signal'
import { UsageError } from './usage-error'

export const DEFAULT_PORT = 7766

export async function runServe(args: string[], paths: BundlePaths): Promise<number> {
  const { values } = parseFlags(args, { host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } })
  const host = values.host ?? '127.0.0.1'
  const port = parsePort(values.port)
  const dataDir = resolveDataDir(values['data-dir'])
  const served = await startHeadless({ host, port, dataDir, paths })
  const info = served.engine.info()
  const lines = [
    `MLink Console ${info.version} serving at ${served.url}`,
    `  data dir: ${info.dataDir}`,
    `  TF.js backend: ${info.backend.name}`
  ]
  if (served.token) {
    lines.push(`  access token${served.tokenCreated ? ' (new)' : ''}: ${served.token}`)
    lines.push(`  open: ${served.url}?token=${served.token}`)
  }
  process.stdout.write(lines.join('\n') + '\n')

  await untilStopped(() => served.close())
  return 0
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got '${text}'.`)
  }
  return port
}
