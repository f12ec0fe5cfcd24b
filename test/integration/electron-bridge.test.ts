// The Electron binary cannot run on these machines, so Electron's objects are replaced by
// recorders here (named in each test); the code under test is the real built preload and the
// real IPC transport over a real engine.
import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src-main/app/compose'
import { EVENT_CHANNEL, INVOKE_CHANNEL, type IpcReply } from '../../src-main/shell/channels'
import { serveIpc } from '../../src-main/shell/ipc'
import { startTestEngine } from '../support/engine'

describe('preload bridge (Electron mocked: its binary cannot run here)', () => {
  it('exposes exactly invoke and subscribe, and nothing of Node or Electron', () => {
    const exposed: Record<string, unknown> = {}
    const invoked: unknown[][] = []
    const listeners: [string, (...a: unknown[]) => void][] = []
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, result: 1 })),
        on: (channel: string, fn: (...a: unknown[]) => void) => listeners.push([channel, fn]),
        removeListener: (channel: string, fn: unknown) => {
          const i = listeners.findIndex(([c, f]) => c === channel && f === fn)
          if (i >= 0) listeners.splice(i, 1)
        }
      }
    }
    const required: string[] = []
    const require = (name: string): unknown => {
      required.push(name)
      if (name === 'electron') return fakeElectron
      throw new Error(`preload required ${name}`)
    }
    const code = readFileSync('out/preload/index.cjs', 'utf8')
    runInNewContext(code, { require, module: { exports: {} }, exports: {} })

    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['mlink'])
    const bridge = exposed.mlink as { invoke: (m: string, p: unknown) => unknown; subscribe: (t: string, h: (p: unknown) => void) => () => void }
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe'])

    void bridge.invoke('system.info', {})
    expect(invoked).toEqual([[INVOKE_CHANNEL, 'system.info', {}]])

    const got: unknown[] = []
    const off = bridge.subscribe('journal.appended', (p) => got.push(p))
    expect(listeners.map(([c]) => c)).toEqual([EVENT_CHANNEL])
    listeners[0]![1]({}, 'system.heartbeat', 'ignored')
    listeners[0]![1]({}, 'journal.appended', 'kept')
    expect(got).toEqual(['kept'])
    off()
    expect(listeners).toEqual([])
  })
})

describe('IPC transport (Electron ipcMain and webContents mocked: no binary here)', () => {
  let engine: Engine
  let stop: () => void
  beforeEach(async () => ({ engine, stop } = await startTestEngine()))
  afterEach(() => stop())

  it('answers calls on one channel and forwards every event on the other', async () => {
    let handler: ((e: unknown, ...args: unknown[]) => Promise<IpcReply>) | undefined
    const sent: unknown[][] = []
    const ipcMain = {
      handle: (channel: string, fn: typeof handler) => {
        expect(channel).toBe(INVOKE_CHANNEL)
        handler = fn
      },
      removeHandler: () => (handler = undefined)
    }
    const contents = { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false }
    const close = serveIpc(ipcMain as never, engine.router, engine.bus, () => contents as never)

    const ok = await handler!({}, 'journal.note', { message: 'from the window' })
    expect(ok).toMatchObject({ ok: true, result: { message: 'from the window' } })
    expect(sent).toContainEqual([EVENT_CHANNEL, 'journal.appended', expect.objectContaining({ message: 'from the window' })])

    const bad = await handler!({}, 'journal.note', { message: '' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params' } })
    const unknown = await handler!({}, 'no.such', {})
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } })

    close()
    expect(handler).toBeUndefined()
  })
})
