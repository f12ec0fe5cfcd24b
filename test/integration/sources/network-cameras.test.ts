// Network cameras served on 127.0.0.1: an MJPEG camera and a still-image URL, cut and restored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Camera } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { encodeJpeg } from '../../../src-main/sources/jpeg'
import { readFrames } from '../../../src-main/sources/video-frames'
import { cameraUntil, inState } from '../../support/cameras'
import { startTestEngine } from '../../support/engine'
import { startMjpegCamera, type MjpegCamera } from '../../support/mjpeg-server'
import { sample } from '../../support/samples'

let engine: Engine
let stop: () => Promise<void>
let camera: MjpegCamera
let jpegs: Buffer[]

beforeAll(async () => {
  ;({ engine, stop } = await startTestEngine({ sourceTuning: { stallAfterMs: 2000, reconnectBaseMs: 200, reconnectMaxMs: 1000 } }))
  const frames = await readFrames(sample('worker-zone-detection.gif'), { width: 480, height: 270, maxFrames: 20 })
  jpegs = await Promise.all(frames.map((f) => encodeJpeg(f)))
  camera = await startMjpegCamera(jpegs, { fps: 10 })
})
afterAll(async () => {
  await camera?.close()
  await stop()
})

describe('network cameras', () => {
  it('an MJPEG camera goes live, reconnects after being cut, and recovers', async () => {
    const attached = (await engine.router.call('cameras.attach', { name: 'workshop', kind: 'mjpeg', location: camera.url(), fps: 5, width: 320, height: 180 })) as Camera
    const live = attached.health.state === 'live' ? attached : await cameraUntil(engine, attached.id, inState('live'))
    expect(live.health.lastFrameAt).not.toBeNull()
    await camera.cut()
    const down = await cameraUntil(engine, attached.id, inState('reconnecting'))
    expect(down.health.reconnectAt).not.toBeNull()
    expect(down.health.lastError).not.toBeNull()
    await camera.resume()
    const back = await cameraUntil(engine, attached.id, (c) => c.health.state === 'live' && c.health.reconnects > 0)
    const framesBefore = back.health.frames
    const later = await cameraUntil(engine, attached.id, (c) => c.health.frames > framesBefore + 3)
    expect(later.health.measuredFps).toBeGreaterThan(0)
    const journal = engine.journal.list({ source: 'cameras' }).items.map((e) => e.message)
    expect(journal.some((m) => m.startsWith('workshop reconnecting'))).toBe(true)
    await engine.router.call('cameras.detach', { cameraId: attached.id })
  }, 60_000)

  it('a still-image URL is polled at the sampling rate', async () => {
    const attached = (await engine.router.call('cameras.attach', { name: 'door snapshot', kind: 'still', location: camera.url('/snapshot.jpg'), fps: 4 })) as Camera
    const polled = await cameraUntil(engine, attached.id, (c) => c.health.frames >= 3)
    expect(polled.health.state).toBe('live')
    const snapshot = (await engine.router.call('cameras.snapshot', { cameraId: attached.id })) as { width: number; height: number }
    expect(snapshot).toMatchObject({ width: 480, height: 270 })
    await engine.router.call('cameras.detach', { cameraId: attached.id })
  }, 30_000)
})
