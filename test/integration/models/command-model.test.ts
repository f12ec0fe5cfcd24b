// Command models run as real child processes under the same ModelProcessHost as our worker:
// a Node script speaking the line protocol, made to crash, hang or lie on request.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { LogLine } from '../../../src-main/models/channel'
import { spawnCommand } from '../../../src-main/models/command/command-channel'
import type { CommandDefinition } from '../../../src-main/models/definition'
import type { Frame } from '../../../src-main/models/frame'
import type { InstanceStatus } from '../../../src-main/models/instance'
import { ModelProcessHost, type HostOptions } from '../../../src-main/models/process-host'
import { makeTempDir } from '../../support/temp-dir'
import { modelRejection } from '../../support/model-errors'

const FIXTURE = join(import.meta.dirname, '../../fixtures/command-model/brightness.mjs')

function definition(...args: string[]): CommandDefinition {
  return {
    source: 'command',
    id: 'brightness',
    name: 'Brightness',
    description: 'Mean brightness of the frame',
    version: '1',
    spec: { kind: 'vector', parts: [{ name: 'brightness', task: 'regression', min: 0, max: 255 }] },
    command: process.execPath,
    args: [FIXTURE, ...args]
  }
}

/** An 8x6 frame of one colour. */
function solid(r: number, g: number, b: number, seq = 0): Frame {
  const rgb = new Uint8Array(8 * 6 * 3)
  for (let i = 0; i < rgb.length; i += 3) rgb.set([r, g, b], i)
  return { source: 'test', seq, capturedAt: new Date(0).toISOString(), width: 8, height: 6, rgb }
}

const hosts: ModelProcessHost[] = []
const temp = makeTempDir('mlink-command-')
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()))
})
afterAll(() => temp.remove())

function host(def: CommandDefinition, options: Partial<HostOptions> = {}, logged: string[] = []): ModelProcessHost {
  const log: LogLine = (level, message) => logged.push(`${level}: ${message}`)
  const h = new ModelProcessHost({ definition: def, spawn: spawnCommand(def, log), restartDelayMs: 10, stopTimeoutMs: 2000, ...options })
  hosts.push(h)
  return h
}

function until(h: ModelProcessHost, test: (s: InstanceStatus) => boolean): Promise<InstanceStatus> {
  return new Promise((resolve) => {
    if (test(h.status())) return resolve(h.status())
    const off = h.onStatus((s) => {
      if (!test(s)) return
      off()
      resolve(s)
    })
  })
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch {
    return true
  }
}

describe('command models', () => {
  it('loads, infers the mean brightness of each frame, and logs non-protocol output', async () => {
    const logged: string[] = []
    const h = host(definition(), {}, logged)
    await h.start()
    const status = h.status()
    expect(status.state).toBe('ready')
    expect(status.backend).toEqual({ name: 'external', gpu: false, passedOver: [] })
    expect(status.weightsBytes).toBe(0)
    expect(status.pid).toBeGreaterThan(0)

    const outputs = await h.infer([solid(30, 60, 90), solid(255, 255, 255, 1), solid(0, 0, 0, 2)])
    expect(outputs.map((o) => o.output)).toEqual([
      { kind: 'vector', values: [60] },
      { kind: 'vector', values: [255] },
      { kind: 'vector', values: [0] }
    ])
    expect(outputs[0]!.raw).toEqual({ pixels: 48 })
    expect(outputs.every((o) => o.inferMs >= 0)).toBe(true)
    expect(logged).toContain('info: brightness fixture starting (a banner the console must log, not parse)')

    const sample = await h.cost([solid(1, 2, 3), solid(4, 5, 6), solid(7, 8, 9)], 1)
    expect(sample.weightsBytes).toBe(0)
    expect(sample.peakTensorBytes).toBe(0)
    expect(sample.latenciesMs).toHaveLength(2)
  })

  it('fails a call whose output does not fit the spec with an output_mismatch naming the model', async () => {
    const h = host(definition('--mode', 'wrong-length'))
    await h.start()
    const error = await modelRejection(h.infer([solid(10, 10, 10)]))
    expect(error.kind).toBe('output_mismatch')
    expect(error.message).toContain("Model 'brightness'")
    expect(error.message).toContain('expected 1 values (brightness), got 2')
    expect(h.status().state).toBe('ready')
  })

  it('reports a crash, restarts the program, and answers the next call', async () => {
    const h = host(definition('--mode', 'crash', '--once', join(temp.path, 'crashed-once')))
    await h.start()
    const firstPid = h.status().pid!
    const crashed = until(h, (s) => s.state === 'crashed')
    const error = await modelRejection(h.infer([solid(10, 20, 30)]))
    expect(error.kind).toBe('crashed')
    expect((await crashed).lastCrash).toEqual({ kind: 'exit', code: 1, signal: null })

    const restarted = await until(h, (s) => s.state === 'ready' && s.restarts === 1)
    expect(restarted.pid).not.toBe(firstPid)
    expect(isGone(firstPid)).toBe(true)
    expect((await h.infer([solid(10, 20, 30)]))[0]!.output).toEqual({ kind: 'vector', values: [20] })
  })

  it('times out a program that never answers, kills it, and restarts it', async () => {
    const h = host(definition('--mode', 'hang', '--once', join(temp.path, 'hung-once')))
    await h.start()
    const firstPid = h.status().pid!
    const error = await modelRejection(h.infer([solid(10, 20, 30)], { timeoutMs: 300 }))
    expect(error.kind).toBe('timeout')
    expect(error.message).toContain("Model 'brightness': did not answer within 300 ms")

    const restarted = await until(h, (s) => s.state === 'ready' && s.restarts === 1)
    expect(restarted.lastCrash).toEqual({ kind: 'hung', timeoutMs: 300 })
    expect(isGone(firstPid)).toBe(true)
    expect((await h.infer([solid(90, 90, 90)]))[0]!.output).toEqual({ kind: 'vector', values: [90] })
  })

  it('cancels a call through its AbortSignal and keeps serving', async () => {
    const h = host(definition('--mode', 'hang', '--once', join(temp.path, 'hung-for-cancel')))
    await h.start()
    const controller = new AbortController()
    const call = h.infer([solid(1, 1, 1)], { signal: controller.signal })
    controller.abort()
    expect((await modelRejection(call)).kind).toBe('cancelled')
    expect(h.status().state).toBe('ready')
  })

  it('stop() asks the program to exit and leaves no process behind', async () => {
    const h = host(definition())
    await h.start()
    const pid = h.status().pid!
    expect(isGone(pid)).toBe(false)
    await h.stop()
    expect(h.status()).toMatchObject({ state: 'exited', pid: null })
    expect(() => process.kill(pid, 0)).toThrow()
  })

  it('stop() kills a program that ignores the shutdown line', async () => {
    const h = host(definition('--mode', 'ignore-shutdown'), { stopTimeoutMs: 200 })
    await h.start()
    const pid = h.status().pid!
    await h.stop()
    expect(h.status().state).toBe('exited')
    expect(() => process.kill(pid, 0)).toThrow()
  })

  it('a program that exits before ready fails to load with its last output, and is not restarted', async () => {
    const h = host(definition('--mode', 'exit-before-ready'))
    const error = await modelRejection(h.start())
    expect(error.kind).toBe('load_failed')
    expect(error.message).toContain("Model 'brightness'")
    expect(error.message).toContain('exited (code 4, signal null) before printing {"type":"ready"}')
    expect(error.message).toContain('cannot open the model file')
    const status = await until(h, (s) => s.pid === null)
    expect(status.state).toBe('failed')
    expect(status.lastCrash?.kind).toBe('load_failed')
    expect(status.restarts).toBe(0)
  })

  it('a program that reports a load error fails with its message and its process is ended', async () => {
    const h = host(definition('--mode', 'load-error'))
    const error = await modelRejection(h.start())
    expect(error.kind).toBe('load_failed')
    expect(error.message).toContain('weights missing')
    const pid = (await until(h, (s) => s.state === 'failed')).pid
    await until(h, (s) => s.pid === null)
    if (pid !== null) expect(isGone(pid)).toBe(true)
  })

  it('a program that prints garbage instead of ready fails to load within the load timeout', async () => {
    const logged: string[] = []
    const h = host(definition('--mode', 'garbage'), { loadTimeoutMs: 500, maxRestarts: 0 }, logged)
    const error = await modelRejection(h.start())
    expect(error.kind).toBe('load_failed')
    expect(error.message).toContain("Model 'brightness': did not finish loading within 500 ms")
    expect(logged).toContain('info: ready?')
    await until(h, (s) => s.pid === null)
  })

  it('a command that does not exist fails with a spawn error naming it', async () => {
    const def = { ...definition(), command: join(temp.path, 'no-such-program') }
    const h = host(def)
    const error = await modelRejection(h.start())
    expect(error.kind).toBe('load_failed')
    expect(error.message).toContain('no-such-program')
    expect(error.message).toContain('ENOENT')
    expect(h.status()).toMatchObject({ state: 'failed', lastCrash: { kind: 'spawn_failed' } })
    expect(existsSync(def.command)).toBe(false)
  })
})
