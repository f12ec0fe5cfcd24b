// Users' own models through the API: registered, validated up front, loaded, run, removed.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ModelSummary, RegisterModel } from '../../../src-main/api/contract'
import { ApiError } from '../../../src-main/api/errors'
import type { Engine } from '../../../src-main/app/compose'
import { startTestEngine } from '../../support/engine'
import { sample } from '../../support/samples'
import { makeTempDir } from '../../support/temp-dir'
import { writeTinyLayersModel } from '../../support/tfjs-folder'

let engine: Engine
let stop: () => Promise<void>
const dir = makeTempDir()
const folder = join(dir.path, 'tiny')

beforeAll(async () => {
  ;({ engine, stop } = await startTestEngine())
  await writeTinyLayersModel(folder, 3)
})
afterAll(async () => {
  await stop()
  dir.remove()
})

const spec = { kind: 'vector' as const, parts: [{ name: 'scene', task: 'single-label' as const, labels: ['empty', 'busy', 'crowded'] }] }
const tiny: RegisterModel = { source: 'tfjs', id: 'scene-tiny', name: 'Scene (tiny)', folder, format: 'layers', input: { width: 8, height: 8, scale: '0-1' }, postprocess: 'none', spec }

async function rejection(method: string, params: unknown): Promise<ApiError> {
  return (await engine.router.call(method, params).catch((e: unknown) => e)) as ApiError
}

describe('user models', () => {
  it('registers a TF.js folder, runs it on a real frame, and removes it', async () => {
    const registered = (await engine.router.call('models.register', tiny)) as ModelSummary
    expect(registered).toMatchObject({ id: 'scene-tiny', source: 'tfjs', status: { state: 'exited' } })
    await engine.router.call('models.load', { modelId: 'scene-tiny' })
    const result = (await engine.router.call('models.infer', { modelId: 'scene-tiny', video: sample('classroom.gif'), frame: 3 })) as { output: { values: number[] }; frame: { seq: number } }
    expect(result.frame.seq).toBe(3)
    expect(result.output.values).toHaveLength(3)
    expect(await engine.router.call('models.remove', { modelId: 'scene-tiny' })).toEqual({ removed: 'scene-tiny' })
    expect(engine.models.definitions().map((d) => d.id)).not.toContain('scene-tiny')
  })

  it('refuses bad registrations with the reason, and registers nothing', async () => {
    const before = engine.models.definitions().length
    const cases: [unknown, string, string][] = [
      [{ ...tiny, folder: join(dir.path, 'nowhere') }, 'invalid_params', 'No model.json in'],
      [{ ...tiny, id: 'objects' }, 'conflict', "A model with id 'objects' already exists"],
      [{ ...tiny, spec: { kind: 'sequence', task: 'sequence', vocabulary: ['a'], maxLength: 3 } }, 'invalid_params', 'declare a vector output spec'],
      [{ ...tiny, spec: { kind: 'vector', parts: [] } }, 'invalid_params', 'spec.parts'],
      [{ ...tiny, id: 'Bad Id' }, 'invalid_params', 'lowercase letters'],
      [{ source: 'command', id: 'cmd', name: 'c', spec, command: '/no/such/program' }, 'invalid_params', "'/no/such/program' is not an executable"],
      [{ source: 'remote', id: 'far', name: 'f', spec, url: 'ftp://x', remoteModel: 'm' }, 'invalid_params', 'http:// or https://']
    ]
    for (const [params, code, text] of cases) {
      const error = await rejection('models.register', params)
      expect(error.code, text).toBe(code)
      expect(error.message).toContain(text)
    }
    expect(engine.models.definitions()).toHaveLength(before)
  })

  it('keeps zoo models and says so', async () => {
    const error = await rejection('models.remove', { modelId: 'faces' })
    expect(error.code).toBe('conflict')
    expect(error.message).toContain('built-in zoo model')
    expect((await rejection('models.load', { modelId: 'nope' })).code).toBe('not_found')
  })
})

describe('command and remote models through the same manager', () => {
  it('registers the fixture command model, loads it and runs it on a real frame', async () => {
    await engine.router.call('models.register', {
      source: 'command',
      id: 'brightness',
      name: 'Mean brightness',
      command: process.execPath,
      args: [join('test', 'fixtures', 'command-model', 'brightness.mjs')],
      spec: { kind: 'vector', parts: [{ name: 'brightness', task: 'regression', min: 0, max: 255 }] }
    })
    const loaded = (await engine.router.call('models.load', { modelId: 'brightness' })) as ModelSummary
    expect(loaded.status.backend?.name).toBe('external')
    const result = (await engine.router.call('models.infer', { modelId: 'brightness', video: sample('classroom.gif') })) as { output: { values: number[] } }
    expect(result.output.values[0]).toBeGreaterThan(10)
    expect(result.output.values[0]).toBeLessThan(245)
    await engine.router.call('models.remove', { modelId: 'brightness' })
  })

  it('uses a zoo model served by `mlink worker --listen` on 127.0.0.1 as a KServe v2 remote', async () => {
    const { spawn } = await import('node:child_process')
    const worker = spawn(process.execPath, ['bin/mlink.js', 'worker', '--listen', '127.0.0.1:0', '--model', 'faces'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        worker.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)
          if (m?.[1]) resolve(m[1])
        })
        worker.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)))
      })
      const faces = engine.models.definition('faces')
      await engine.router.call('models.register', { source: 'remote', id: 'faces-remote', name: 'Faces (remote)', url, remoteModel: 'faces', spec: faces.spec })
      const loaded = (await engine.router.call('models.load', { modelId: 'faces-remote' })) as ModelSummary
      expect(loaded.status).toMatchObject({ state: 'ready', backend: { name: 'remote' } })
      const params = { video: sample('face-demographics-walking.gif'), frame: 20 }
      const remote = (await engine.router.call('models.infer', { modelId: 'faces-remote', ...params })) as { output: { values: number[] } }
      await engine.router.call('models.load', { modelId: 'faces' })
      const local = (await engine.router.call('models.infer', { modelId: 'faces', ...params })) as { output: { values: number[] } }
      expect(remote.output.values).toEqual(local.output.values)
      expect(remote.output.values[0]).toBeGreaterThanOrEqual(1)
    } finally {
      worker.kill('SIGTERM')
    }
  })
})
