// Model processes as the manager runs them: real forked workers with real weights.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../../src-main/app/compose'
import { processMemory } from '../../../src-main/models/cost-probe'
import type { TfjsFolderDefinition } from '../../../src-main/models/definition'
import { ModelError } from '../../../src-main/models/errors'
import type { Frame } from '../../../src-main/models/frame'
import type { InstanceStatus } from '../../../src-main/models/instance'
import { ModelsRepo } from '../../../src-main/store/models-repo'
import { readFrames } from '../../../src-main/sources/video-frames'
import { startTestEngine } from '../../support/engine'
import { sample } from '../../support/samples'
import { makeTempDir } from '../../support/temp-dir'
import { writeTinyLayersModel } from '../../support/tfjs-folder'
import { workerHost } from '../../support/built'

let engine: Engine
let stopEngine: () => Promise<void>
let frames: Frame[]
const dir = makeTempDir()

beforeAll(async () => {
  ;({ engine, stop: stopEngine } = await startTestEngine())
  frames = await readFrames(sample('face-demographics-walking.gif'), { width: 480, height: 270, maxFrames: 6 })
})
afterAll(async () => {
  await stopEngine()
  dir.remove()
})

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function nextStatus(modelId: string, accept: (s: InstanceStatus) => boolean): Promise<InstanceStatus> {
  return new Promise((resolve) => {
    const off = engine.models.instance(modelId)!.onStatus((s) => {
      if (accept(s)) {
        off()
        resolve(s)
      }
    })
  })
}

describe('model processes', () => {
  it('loading starts a process; unloading ends it and gives its memory back', async () => {
    await engine.router.call('models.load', { modelId: 'faces' })
    const pid = engine.models.instance('faces')!.status().pid!
    expect(isAlive(pid)).toBe(true)
    const memory = processMemory(pid)!
    expect(memory.rssBytes).toBeGreaterThan(30 * 1024 * 1024)
    const unloaded = (await engine.router.call('models.unload', { modelId: 'faces' })) as { status: { state: string; pid: number | null } }
    expect(unloaded.status).toMatchObject({ state: 'exited', pid: null })
    expect(isAlive(pid)).toBe(false)
    expect(processMemory(pid)).toBeNull()
    console.info(`faces worker held ${(memory.rssBytes / 1048576).toFixed(0)} MB RSS; after unload its process ${pid} is gone`)
  })

  it('kill -9 during inference: reported crashed by the exit (not a timeout), typed error, restart, next call works', async () => {
    const instance = await engine.models.load('face-gender')
    const pid = instance.status().pid!
    const crashed = nextStatus('face-gender', (s) => s.state === 'crashed')
    const back = nextStatus('face-gender', (s) => s.state === 'ready' && s.restarts === 1)
    const call = engine.models.infer('face-gender', [...frames, ...frames, ...frames], { timeoutMs: 60_000 })
    const killedAt = performance.now()
    process.kill(pid, 'SIGKILL')
    const error = await call.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as ModelError).kind).toBe('crashed')
    const status = await crashed
    console.info(`crash of pid ${pid} reported after ${(performance.now() - killedAt).toFixed(0)} ms`)
    expect(status.lastCrash).toEqual({ kind: 'exit', code: null, signal: 'SIGKILL' })
    const restarted = await back
    expect(restarted.pid).not.toBe(pid)
    const [out] = await engine.models.infer('face-gender', frames.slice(0, 1))
    expect(out!.output.kind).toBe('vector')
    const journal = engine.journal.list({ source: 'models' }).items.map((e) => e.message)
    expect(journal.some((m) => m.includes(`face-gender: process ${pid} exited unexpectedly`))).toBe(true)
  })

  it('a hung worker times out with a typed error, is killed and restarted', async () => {
    const instance = await engine.models.load('face-age')
    const pid = instance.status().pid!
    const back = nextStatus('face-age', (s) => s.state === 'ready' && s.restarts === 1)
    process.kill(pid, 'SIGSTOP')
    const error = (await engine.models.infer('face-age', frames.slice(0, 1), { timeoutMs: 1000 }).catch((e: unknown) => e)) as ModelError
    expect(error.kind).toBe('timeout')
    expect(error.message).toContain("Model 'face-age'")
    const restarted = await back
    expect(restarted.lastCrash).toEqual({ kind: 'hung', timeoutMs: 1000 })
    expect(isAlive(pid)).toBe(false)
    expect((await engine.models.infer('face-age', frames.slice(0, 1)))[0]!.output.kind).toBe('vector')
  })

  it('measures and stores cost: peak RSS, tensor bytes, latency p50/p95', async () => {
    const cost = await engine.models.profileCost('faces', frames, 2)
    expect(cost).toMatchObject({ modelId: 'faces', memoryKind: 'rss', frames: 4 })
    expect(cost.memoryBytes).toBe(cost.peakRssBytes)
    expect(cost.weightsBytes).toBeGreaterThan(100_000)
    expect(cost.peakTensorBytes).toBeGreaterThan(cost.weightsBytes)
    expect(cost.latencyP95Ms).toBeGreaterThanOrEqual(cost.latencyP50Ms)
    expect(new ModelsRepo(engine.db).latestCosts().get('faces')).toEqual(cost)
    const listed = (await engine.router.call('models.list', {})) as { models: { id: string; cost: unknown }[] }
    expect(listed.models.find((m) => m.id === 'faces')?.cost).toEqual(cost)
    expect(listed.models.map((m) => m.id)).toHaveLength(8)
  })
})

describe('bad models fail alone, with messages that name them', () => {
  const tfjsDefinition = (id: string, folder: string, outputs: number): TfjsFolderDefinition => ({
    id,
    name: id,
    description: 'test folder',
    version: '1',
    source: 'tfjs',
    folder,
    format: 'layers',
    input: { width: 8, height: 8, scale: '0-1' },
    postprocess: 'none',
    spec: { kind: 'vector', parts: [{ name: 'class', task: 'single-label', labels: Array.from({ length: outputs }, (_, i) => `c${i}`) }] }
  })

  it('runs a user TF.js layers folder and checks its output against the spec', async () => {
    const folder = join(dir.path, 'tiny')
    await writeTinyLayersModel(folder, 3)
    const good = workerHost(tfjsDefinition('tiny-good', folder, 3))
    await good.start()
    const [out] = await good.infer(frames.slice(0, 1))
    expect(out!.output.kind === 'vector' && out!.output.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4)
    await good.stop()

    const lying = workerHost(tfjsDefinition('tiny-lying', folder, 4))
    await lying.start()
    const error = (await lying.infer(frames.slice(0, 1)).catch((e: unknown) => e)) as ModelError
    expect(error.kind).toBe('output_mismatch')
    expect(error.message).toMatch(/Model 'tiny-lying': .*expected 4 values .* got 3/)
    expect(lying.status().state).toBe('ready')
    await lying.stop()
  })

  it('a corrupt model.json or missing weights fail the load, and other models keep working', async () => {
    const corrupt = join(dir.path, 'corrupt')
    await writeTinyLayersModel(corrupt, 3)
    writeFileSync(join(corrupt, 'model.json'), '{"modelTopology": ')
    const missing = join(dir.path, 'missing')
    await writeTinyLayersModel(missing, 3)
    writeFileSync(join(missing, 'model.json'), JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['gone.bin'], weights: [] }] }))

    await engine.models.load('faces')
    for (const [id, folder, text] of [
      ['broken-json', corrupt, 'cannot read'],
      ['broken-weights', missing, 'gone.bin']
    ] as const) {
      const host = workerHost(tfjsDefinition(id, folder, 3))
      const error = (await host.start().catch((e: unknown) => e)) as ModelError
      expect(error.kind).toBe('load_failed')
      expect(error.message).toContain(`Model '${id}'`)
      expect(error.message).toContain(text)
      expect(host.status().state).toBe('failed')
    }
    expect((await engine.models.infer('faces', frames.slice(0, 1)))[0]!.output.kind).toBe('vector')
  })
})
