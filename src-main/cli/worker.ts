// `mlink worker --listen HOST:PORT --model ZOO_ID`: one zoo model behind a KServe v2 HTTP
// server, for consoles on other machines (added there as a remote model).
import { startKserveServer } from '../models/remote/kserve-server'
import { loadWorkerModel } from '../models/worker/load'
import { zoo, zooModel } from '../models/zoo/catalog'
import { isLoopbackHost } from '../api/transports/access'
import { parseFlags } from './flags'
import { untilStopped } from './until-signal'
import { UsageError } from './usage-error'

export const DEFAULT_WORKER_HOST = '127.0.0.1'
/** Triton's and KServe's usual HTTP port. */
export const DEFAULT_WORKER_PORT = 8000

export async function runWorker(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { listen: { type: 'string' }, model: { type: 'string' } })
  const ids = zoo.map((m) => m.definition.id).join(', ')
  if (!values.model) throw new UsageError(`--model is required: one of ${ids}.`)
  const model = zooModel(values.model)
  if (!model) throw new UsageError(`--model '${values.model}' is not a zoo model; pick one of ${ids}.`)
  const { host, port } = parseListen(values.listen)

  const loaded = await loadWorkerModel(model.definition)
  const server = await startKserveServer({ model: loaded, definition: model.definition, host, port })
  const lines = [`KServe v2 model server for ${model.definition.id} at ${server.url}`, `  TF.js backend: ${loaded.backend.name}${loaded.backend.gpu ? ' (GPU)' : ''}`]
  if (!isLoopbackHost(host)) lines.push('  warning: the server has no authentication; anyone who can reach this address can use the model')
  process.stdout.write(lines.join('\n') + '\n')

  await untilStopped(() => server.close())
  return 0
}

/** `HOST:PORT`, `:PORT`, `PORT` or `[v6]:PORT`; the host defaults to loopback. */
export function parseListen(text: string | undefined): { host: string; port: number } {
  if (text === undefined) return { host: DEFAULT_WORKER_HOST, port: DEFAULT_WORKER_PORT }
  const match = /^(?:\[([^\]]+)\]|([^:\s]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text)
  const port = Number(match?.[3])
  if (!match || port > 65535) throw new UsageError(`--listen must be HOST:PORT (port 0 to 65535), e.g. 127.0.0.1:8000, got '${text}'.`)
  return { host: match[1] || match[2] || DEFAULT_WORKER_HOST, port }
}

