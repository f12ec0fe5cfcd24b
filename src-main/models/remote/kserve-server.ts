// Serves one loaded model over the KServe v2 HTTP/REST protocol (`mlink worker --listen`), so a
// machine with a GPU can run a zoo or TF.js model for consoles elsewhere. Frames are inferred one
// at a time in arrival order, behind a bounded queue.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ENGINE_VERSION } from '../../app/version'
import type { WorkerDefinition } from '../definition'
import type { Frame } from '../frame'
import { checkOutput } from '../output-spec'
import type { LoadedModel } from '../worker/loaded-model'
import { FRAME_INPUT, inferRequestSchema, outputMetadataFor, outputToTensor, type InferResponse, type ModelMetadata } from './kserve-wire'

export interface KserveServerOptions {
  model: LoadedModel
  definition: WorkerDefinition
  host: string
  /** 0 picks a free port. */
  port: number
  /** Largest request body accepted. Default 64 MiB (a 1920x1080 frame as JSON is about 25 MB). */
  maxBodyBytes?: number
  /** Largest frame side accepted. Default 8192. */
  maxFrameSide?: number
  /** Requests waiting behind the running one before the server answers 503. Default 8. */
  maxQueued?: number
}

export interface KserveServer {
  /** http://HOST:PORT/ */
  url: string
  port: number
  close(): Promise<void>
}

/** A request the server refuses, with its HTTP status. */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export async function startKserveServer(options: KserveServerOptions): Promise<KserveServer> {
  const { model, definition } = options
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024
  const maxSide = options.maxFrameSide ?? 8192
  const maxQueued = options.maxQueued ?? 8
  const modelPath = `/v2/models/${encodeURIComponent(definition.id)}`
  const metadata: ModelMetadata = {
    name: definition.id,
    versions: [definition.version],
    platform: `mlink-${model.backend.name}`,
    inputs: [{ name: FRAME_INPUT, datatype: 'UINT8', shape: [1, -1, -1, 3] }],
    outputs: [outputMetadataFor(definition.spec)]
  }
  let tail: Promise<unknown> = Promise.resolve()
  let waiting = 0
  let seq = 0

  /** Runs inferences one at a time: the model's runtime is not safe to enter twice. */
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    if (waiting >= maxQueued) throw new HttpProblem(503, `the server is busy with ${waiting} frames; retry later`)
    waiting++
    const run = tail.then(work).finally(() => waiting--)
    tail = run.catch(() => undefined)
    return run
  }

  async function infer(req: IncomingMessage): Promise<InferResponse> {
    const request = parseRequest(await readBody(req, maxBodyBytes), maxSide)
    const frame: Frame = { source: 'kserve', seq: seq++, capturedAt: new Date().toISOString(), ...request.frame }
    const result = await enqueue(() => model.infer(frame)).catch((err: unknown) => {
      if (err instanceof HttpProblem) throw err
      throw new HttpProblem(500, `inference failed: ${err instanceof Error ? err.message : String(err)}`)
    })
    try {
      checkOutput(definition.spec, result.output)
    } catch (err) {
      throw new HttpProblem(500, `the model's output does not match its spec: ${err instanceof Error ? err.message : String(err)}`)
    }
    return {
      model_name: definition.id,
      model_version: definition.version,
      ...(request.id === undefined ? {} : { id: request.id }),
      outputs: [outputToTensor(result.output, result.raw)]
    }
  }

  const endpoints: Record<string, { method: 'GET' | 'POST'; answer: (req: IncomingMessage) => unknown }> = {
    '/v2': { method: 'GET', answer: () => ({ name: 'mlink-console', version: ENGINE_VERSION, extensions: [] }) },
    '/v2/health/live': { method: 'GET', answer: () => ({ live: true }) },
    '/v2/health/ready': { method: 'GET', answer: () => ({ ready: true }) },
    [modelPath]: { method: 'GET', answer: () => metadata },
    [`${modelPath}/ready`]: { method: 'GET', answer: () => ({ name: definition.id, ready: true }) },
    [`${modelPath}/infer`]: { method: 'POST', answer: infer }
  }

  async function route(req: IncomingMessage): Promise<unknown> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '')
    const endpoint = Object.hasOwn(endpoints, path) ? endpoints[path] : undefined
    if (!endpoint) {
      const other = /^\/v2\/models\/([^/]+)/.exec(path)?.[1]
      if (other !== undefined && decodeURIComponent(other) !== definition.id) throw new HttpProblem(404, `no model '${decodeURIComponent(other)}' here; this server serves '${definition.id}'`)
      throw new HttpProblem(404, `no such endpoint ${path}; try ${modelPath}/infer`)
    }
    if (req.method !== endpoint.method) throw new HttpProblem(405, `${path} takes ${endpoint.method}, not ${req.method}`)
    return endpoint.answer(req)
  }

  const server = createServer((req, res) => {
    route(req).then(
      (body) => send(res, 200, body),
      (err: unknown) => {
        const problem = err instanceof HttpProblem ? err : new HttpProblem(500, err instanceof Error ? err.message : String(err))
        send(res, problem.status, { error: problem.message })
        // Do not read the rest of an oversized upload.
        if (problem.status === 413) res.once('finish', () => req.destroy())
      }
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = new HttpProblem(413, `the request body is larger than ${maxBytes} bytes; send a smaller frame`)
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > maxBytes) throw tooLarge
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Validates an inference request: one UINT8 input [1, H, W, 3] with H * W * 3 values 0..255. */
function parseRequest(text: string, maxSide: number): { id: string | undefined; frame: Pick<Frame, 'width' | 'height' | 'rgb'> } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new HttpProblem(400, `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
  const parsed = inferRequestSchema.safeParse(json)
  if (!parsed.success) throw new HttpProblem(400, `not a KServe v2 inference request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const inputs = parsed.data.inputs
  const input = inputs[0]
  if (inputs.length !== 1 || !input) throw new HttpProblem(400, `expected exactly one input ('${FRAME_INPUT}', UINT8 [1, H, W, 3]), got ${inputs.length}`)
  if (input.name !== FRAME_INPUT) throw new HttpProblem(400, `unknown input '${input.name}'; this model takes '${FRAME_INPUT}'`)
  if (input.datatype !== 'UINT8') throw new HttpProblem(400, `input '${FRAME_INPUT}' must be UINT8 packed RGB, got ${input.datatype}`)
  const [batch, height, width, channels] = input.shape
  const side = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 1 && n <= maxSide
  if (input.shape.length !== 4 || batch !== 1 || channels !== 3 || !side(height) || !side(width)) {
    throw new HttpProblem(400, `input '${FRAME_INPUT}' must have shape [1, H, W, 3] with H and W from 1 to ${maxSide}, got [${input.shape.join(', ')}]`)
  }
  const data = input.data
  const want = height * width * 3
  if (!Array.isArray(data) || data.length !== want) {
    throw new HttpProblem(400, `input '${FRAME_INPUT}' must carry ${want} values (flat, row-major) for shape [1, ${height}, ${width}, 3], got ${Array.isArray(data) ? data.length : typeof data}`)
  }
  const rgb = new Uint8Array(want)
  for (let i = 0; i < want; i++) {
    const v: unknown = data[i]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) throw new HttpProblem(400, `value ${i} of '${FRAME_INPUT}' is ${JSON.stringify(v)}, not a UINT8 (0..255)`)
    rgb[i] = v
  }
  return { id: parsed.data.id, frame: { width, height, rgb } }
}
