// KServe v2 both ways over real HTTP on 127.0.0.1: our server in front of the real BlazeFace zoo
// model, the RemoteModel client against it, and against hand-written servers that are gone,
// lie or hang.
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFrames } from '../../../src-main/sources/video-frames'
import { sample } from '../../support/samples'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseListen, runWorker } from '../../../src-main/cli/worker'
import type { RemoteDefinition } from '../../../src-main/models/definition'
import type { Frame } from '../../../src-main/models/frame'
import { startKserveServer, type KserveServer } from '../../../src-main/models/remote/kserve-server'
import { RemoteModel } from '../../../src-main/models/remote/remote-model'
import { loadWorkerModel } from '../../../src-main/models/worker/load'
import type { LoadedModel } from '../../../src-main/models/worker/loaded-model'
import { zooModel } from '../../../src-main/models/zoo/catalog'
import { modelRejection } from '../../support/model-errors'

const faces = zooModel('faces')!.definition
/** Frame 20 of a sample video (a face in view; the first frames have none) as 480x270 packed RGB. */
async function sampleFrame(): Promise<Frame> {
  const [frame] = await readFrames(sample('face-demographics-walking.gif'), { width: 480, height: 270, start: 20, maxFrames: 1 })
  return frame!
}

function remote(url: string, overrides: Partial<RemoteDefinition> = {}): RemoteModel {
  const definition: RemoteDefinition = {
    source: 'remote',
    id: 'remote-faces',
    name: 'Faces (remote)',
    description: 'BlazeFace behind KServe v2',
    version: '1',
    spec: faces.spec,
    url,
    remoteModel: 'faces',
    ...overrides
  }
  return new RemoteModel(definition, { callTimeoutMs: 20_000, startTimeoutMs: 5_000 })
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

let model: LoadedModel
let served: KserveServer
let frame: Frame

beforeAll(async () => {
  frame = await sampleFrame()
  model = await loadWorkerModel(faces)
  served = await startKserveServer({ model, definition: faces, host: '127.0.0.1', port: 0 })
})
afterAll(async () => {
  await served?.close()
})

describe('KServe v2 server over a real zoo model', () => {
  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(new URL(path, served.url))
    return { status: res.status, body: await res.json() }
  }
  const infer = async (body: unknown, model = 'faces'): Promise<{ status: number; body: { error?: string } }> => {
    const res = await fetch(new URL(`v2/models/${model}/infer`, served.url), { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as { error?: string } }
  }
  const input = (over: Record<string, unknown>): unknown => ({ inputs: [{ name: 'frame', datatype: 'UINT8', shape: [1, 2, 2, 3], data: new Array(12).fill(7), ...over }] })

  it('answers server metadata, liveness, readiness and the model metadata', async () => {
    expect(await get('v2')).toMatchObject({ status: 200, body: { name: 'mlink-console' } })
    expect(await get('v2/health/live')).toEqual({ status: 200, body: { live: true } })
    expect(await get('v2/health/ready')).toEqual({ status: 200, body: { ready: true } })
    expect(await get('v2/models/faces')).toMatchObject({
      status: 200,
      body: { name: 'faces', inputs: [{ name: 'frame', datatype: 'UINT8', shape: [1, -1, -1, 3] }], outputs: [{ name: 'output', datatype: 'FP32', shape: [1, 5] }] }
    })
    expect((await get('v2/models/objects')).status).toBe(404)
  })

  it('rejects bad requests with 400 and a message saying what was expected', async () => {
    expect(await infer('{"inputs": [')).toMatchObject({ status: 400, body: { error: expect.stringContaining('not valid JSON') } })
    expect(await infer(input({ datatype: 'FP32' }))).toMatchObject({ status: 400, body: { error: expect.stringContaining('must be UINT8') } })
    expect(await infer(input({ shape: [2, 2, 3] }))).toMatchObject({ status: 400, body: { error: expect.stringContaining('[1, H, W, 3]') } })
    expect(await infer(input({ data: [1, 2, 3] }))).toMatchObject({ status: 400, body: { error: expect.stringContaining('must carry 12 values') } })
    expect(await infer(input({ data: [...new Array(11).fill(0), 256] }))).toMatchObject({ status: 400, body: { error: expect.stringContaining('not a UINT8') } })
    expect(await infer(input({ name: 'image' }))).toMatchObject({ status: 400, body: { error: expect.stringContaining("unknown input 'image'") } })
    expect(await infer(input({}), 'objects')).toMatchObject({ status: 404, body: { error: expect.stringContaining("serves 'faces'") } })
  })

  it('refuses an oversized body with 413 before reading it', async () => {
    const small = await startKserveServer({ model, definition: faces, host: '127.0.0.1', port: 0, maxBodyBytes: 64 })
    try {
      const res = await fetch(new URL('v2/models/faces/infer', small.url), { method: 'POST', body: JSON.stringify(input({})) })
      expect(res.status).toBe(413)
      expect(await res.json()).toEqual({ error: 'the request body is larger than 64 bytes; send a smaller frame' })
    } finally {
      await small.close()
    }
  })

  it('serves the model to a RemoteModel: the remote answer equals the local one', async () => {
    const client = remote(served.url)
    await client.start()
    expect(client.status()).toMatchObject({ state: 'ready', backend: { name: 'remote', gpu: false, passedOver: [] }, weightsBytes: 0, pid: null })

    const [answer] = await client.infer([frame])
    expect(answer!.output.kind).toBe('vector')
    const values = answer!.output.kind === 'vector' ? answer!.output.values : []
    expect(values).toHaveLength(5)
    expect(values[0]).toBeGreaterThanOrEqual(1)
    expect(values[3]).toBeGreaterThan(0)
    expect(answer!.output).toEqual((await model.infer(frame)).output)
    expect(answer!.raw).toMatchObject({ faces: expect.any(Array) })

    const sample = await client.cost([frame, frame], 1)
    expect(sample).toMatchObject({ weightsBytes: 0, peakTensorBytes: 0 })
    expect(sample.latenciesMs).toHaveLength(1)
    await client.stop()
    expect(client.status().state).toBe('exited')
  })

  it('refuses to load when the server metadata does not fit the output spec', async () => {
    const client = remote(served.url, { spec: { kind: 'vector', parts: [{ name: 'faces', task: 'counting', max: 10 }] } })
    const error = await modelRejection(client.start())
    expect(error.kind).toBe('load_failed')
    expect(error.message).toContain("Model 'remote-faces'")
    expect(error.message).toContain("declares its output 'output' as FP32 [1, 5], but the output spec needs 1 numbers")
    expect(client.status()).toMatchObject({ state: 'failed', lastCrash: { kind: 'load_failed' } })
    expect((await modelRejection(client.infer([frame]))).kind).toBe('not_loaded')
  })

  it('refuses to load a model name the server does not have', async () => {
    const error = await modelRejection(remote(served.url, { remoteModel: 'nobody' }).start())
    expect(error.kind).toBe('load_failed')
    expect(error.message).toContain("has no model 'nobody' (HTTP 404")
  })
})

type Lie = 'wrong-shape' | 'short-data' | 'invalid-json' | 'hang'

/** A server with honest health and metadata (faces' spec) that answers inferences as told. */
async function liar(): Promise<{ url: string; lie: (l: Lie) => void; close: () => Promise<void> }> {
  let lie: Lie = 'wrong-shape'
  const json = (res: ServerResponse, body: unknown): void => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
  const server = createServer((req, res) => {
    if (req.url === '/v2/health/ready') return json(res, { ready: true })
    if (req.url === '/v2/models/faces') {
      return json(res, { name: 'faces', inputs: [{ name: 'frame', datatype: 'UINT8', shape: [1, -1, -1, 3] }], outputs: [{ name: 'output', datatype: 'FP32', shape: [1, 5] }] })
    }
    req.resume()
    req.on('end', () => {
      if (lie === 'hang') return
      if (lie === 'invalid-json') return json(res, '{"model_name": "faces", "outputs": [')
      const data = lie === 'wrong-shape' ? [1, 0.1, 0.1, 0.2] : [1, 0.1, 0.1]
      json(res, { model_name: 'faces', outputs: [{ name: 'output', datatype: 'FP32', shape: [1, lie === 'wrong-shape' ? 4 : 5], data }] })
    })
  })
  const url = await listen(server)
  return { url, lie: (l) => (lie = l), close: () => close(server) }
}

describe('RemoteModel against servers that are gone, lie or hang', () => {
  it('an unreachable server is a typed error and a crashed status with reason unreachable', async () => {
    const gone = createServer()
    const url = await listen(gone)
    await close(gone)
    const client = remote(url)
    const error = await modelRejection(client.start())
    expect(error.kind).toBe('unreachable')
    expect(error.message).toContain(`Model 'remote-faces': cannot reach the server at ${url}`)
    expect(client.status()).toMatchObject({ state: 'crashed', lastCrash: { kind: 'unreachable', message: expect.stringContaining('ECONNREFUSED') } })
    // The next call checks the server again, and is still refused.
    expect((await modelRejection(client.infer([frame]))).kind).toBe('unreachable')
  })

  it('a server that goes away after loading turns a ready model crashed (unreachable)', async () => {
    const server = await liar()
    const client = remote(server.url)
    await client.start()
    await server.close()
    expect((await modelRejection(client.infer([frame]))).kind).toBe('unreachable')
    expect(client.status()).toMatchObject({ state: 'crashed', lastCrash: { kind: 'unreachable' } })
  })

  it.each([
    ['wrong-shape', 'expected 5 values'],
    ['short-data', 'says FP32 [1, 5] (5 values) but carries 3'],
    ['invalid-json', 'the body is not JSON']
  ] as const)('a server answering %s fails the model with output_mismatch naming it', async (lie, why) => {
    const server = await liar()
    try {
      server.lie(lie)
      const client = remote(server.url)
      await client.start()
      const error = await modelRejection(client.infer([frame]))
      expect(error.kind).toBe('output_mismatch')
      expect(error.message).toContain("Model 'remote-faces': the server's answer does not match the declared spec")
      expect(error.message).toContain(why)
      expect(client.status()).toMatchObject({ state: 'failed', lastError: expect.stringContaining(why) })
    } finally {
      await server.close()
    }
  })

  it('a server that never answers times out within the call timeout and the model is crashed (hung)', async () => {
    const server = await liar()
    try {
      server.lie('hang')
      const client = remote(server.url)
      await client.start()
      const error = await modelRejection(client.infer([frame], { timeoutMs: 300 }))
      expect(error.kind).toBe('timeout')
      expect(error.message).toContain('did not answer within 300 ms')
      expect(client.status()).toMatchObject({ state: 'crashed', lastCrash: { kind: 'hung', timeoutMs: 300 } })
    } finally {
      await server.close()
    }
  })

  it('a call aborted by its signal is cancelled, and the model stays ready', async () => {
    const server = await liar()
    try {
      server.lie('hang')
      const client = remote(server.url)
      await client.start()
      const controller = new AbortController()
      const call = client.infer([frame], { signal: controller.signal })
      controller.abort()
      expect((await modelRejection(call)).kind).toBe('cancelled')
      expect(client.status().state).toBe('ready')
    } finally {
      await server.close()
    }
  })
})

describe('mlink worker', () => {
  it('parses --listen with loopback as the default host', () => {
    expect(parseListen(undefined)).toEqual({ host: '127.0.0.1', port: 8000 })
    expect(parseListen('9001')).toEqual({ host: '127.0.0.1', port: 9001 })
    expect(parseListen(':9001')).toEqual({ host: '127.0.0.1', port: 9001 })
    expect(parseListen('0.0.0.0:80')).toEqual({ host: '0.0.0.0', port: 80 })
    expect(parseListen('[::1]:8000')).toEqual({ host: '::1', port: 8000 })
    expect(() => parseListen('host:port')).toThrow(/--listen must be HOST:PORT/)
  })

  it('refuses a model that is not in the zoo, listing the zoo', async () => {
    await expect(runWorker(['--model', 'nope'])).rejects.toThrow(/not a zoo model; pick one of .*faces/)
  })

  it('serves a zoo model until SIGTERM', async () => {
    const before = new Set(process.listeners('SIGTERM'))
    const printed: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    const banner = new Promise<string>((resolve) => {
      process.stdout.write = ((chunk: string | Uint8Array) => {
        const text = String(chunk)
        printed.push(text)
        const url = /KServe v2 model server for faces at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text)?.[1]
        if (url) resolve(url)
        return true
      }) as typeof process.stdout.write
    })
    try {
      const exit = runWorker(['--listen', '127.0.0.1:0', '--model', 'faces'])
      const url = await banner
      expect((await fetch(new URL('v2/health/ready', url))).status).toBe(200)
      // Deliver SIGTERM to the worker's own handler only, not to the test runner's.
      for (const handler of process.listeners('SIGTERM').filter((l) => !before.has(l))) handler('SIGTERM')
      expect(await exit).toBe(0)
      await expect(fetch(new URL('v2/health/ready', url))).rejects.toThrow()
    } finally {
      process.stdout.write = write
    }
    expect(printed.join('')).toContain('TF.js backend:')
  })
})
