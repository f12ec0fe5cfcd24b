// A real RTSP stream on 127.0.0.1 (an RTSP server from npm fed by ffmpeg): attached, cut by
// kill -9, reconnecting, and recovered when the server comes back.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Camera } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { cameraUntil, inState } from '../../support/cameras'
import { startTestEngine } from '../../support/engine'
import { startRtspCamera, type RtspCamera } from '../../support/rtsp-camera'
import { sample } from '../../support/samples'

let engine: Engine
let stop: () => Promise<void>
let rtsp: RtspCamera

beforeAll(async () => {
  ;({ engine, stop } = await startTestEngine({ sourceTuning: { stallAfterMs: 5000, reconnectBaseMs: 300, reconnectMaxMs: 2000 } }))
  rtsp = await startRtspCamera(sample('one-by-one-person-detection.mp4'))
})
afterAll(async () => {
  await rtsp?.kill()
  await stop()
})

it('delivers frames, goes reconnecting when the server dies, and recovers when it is back', async () => {
  const attached = (await engine.router.call('cameras.attach', { name: 'entrance', kind: 'stream', location: rtsp.url, fps: 5, width: 480, height: 270 })) as Camera
  const live = await cameraUntil(engine, attached.id, (c) => c.health.state === 'live' && c.health.frames >= 5)
  expect(live.health.measuredFps).toBeGreaterThan(0)
  const snapshot = (await engine.router.call('cameras.snapshot', { cameraId: attached.id })) as { width: number }
  expect(snapshot.width).toBe(480)

  await rtsp.kill()
  const down = await cameraUntil(engine, attached.id, inState('reconnecting'))
  expect(down.health.lastError).not.toBeNull()

  await rtsp.restart()
  const back = await cameraUntil(engine, attached.id, (c) => c.health.state === 'live' && c.health.reconnects > 0)
  const before = back.health.frames
  await cameraUntil(engine, attached.id, (c) => c.health.frames >= before + 5)
  await engine.router.call('cameras.detach', { cameraId: attached.id })
}, 90_000)
