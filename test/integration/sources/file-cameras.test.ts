// File cameras over the real sample footage, decoded by real ffmpeg, through the engine's API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Camera } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { createEngine } from '../../../src-main/app/compose'
import { startTestEngine } from '../../support/engine'
import { makeTempDir } from '../../support/temp-dir'
import { BUILT_PATHS } from '../../support/built'
import { cameraUntil, inState } from '../../support/cameras'
import { sample } from '../../support/samples'

let engine: Engine
let stop: () => Promise<void>
beforeAll(async () => ({ engine, stop } = await startTestEngine()))
afterAll(async () => stop())

const clips = [
  { file: 'classroom.gif', fps: 15, frames: 45, width: 480, height: 270 },
  { file: 'face-demographics-walking.gif', fps: 12.08, frames: 35, width: 480, height: 270 },
  { file: 'worker-zone-detection.gif', fps: 15, frames: 71, width: 480, height: 270 },
  { file: 'car-detection.mp4', fps: 12.5, frames: 377, width: 320, height: 180 },
  { file: 'one-by-one-person-detection.mp4', fps: 10, frames: 1394, width: 320, height: 180 },
  // Sampling below the clip's rate keeps one frame per interval of video time.
  { file: 'one-by-one-person-detection.mp4', fps: 2, frames: 279, width: 640, height: 360 }
]

describe('file cameras', () => {
  it.each(clips)('$file at $fps fps delivers $frames frames of $width x $height', async ({ file, fps, frames, width, height }) => {
    const attach = engine.router.call('cameras.attach', { name: `${file} ${fps}`, kind: 'file', location: sample(file), fps, width, height, pace: 'fast' }) as Promise<Camera>
    const camera = await attach
    expect(camera).toMatchObject({ kind: 'file', width, height, fps })
    const ended = camera.health.state === 'stopped' ? camera : await cameraUntil(engine, camera.id, inState('stopped'))
    expect(ended.health).toMatchObject({ frames, lastError: null })
    const snapshot = (await engine.router.call('cameras.snapshot', { cameraId: camera.id })) as { width: number; height: number; jpeg: string; seq: number }
    expect(snapshot).toMatchObject({ width, height, seq: frames - 1 })
    expect(snapshot.jpeg).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    await engine.router.call('cameras.detach', { cameraId: camera.id })
  }, 60_000)

  it('a slow consumer drops frames instead of growing memory', async () => {
    const camera = (await engine.router.call('cameras.attach', { name: 'slow consumer', kind: 'file', location: sample('one-by-one-person-detection.mp4'), fps: 10, pace: 'fast', loop: true })) as Camera
    let consumed = 0
    let rssAt100 = 0
    let lastSeq = -1
    for await (const frame of engine.cameras.frames(camera.id)) {
      expect(frame.seq).toBeGreaterThan(lastSeq)
      lastSeq = frame.seq
      // Real work per frame (a JPEG encode) makes this consumer far slower than the decoder.
      await import('../../../src-main/sources/jpeg').then((m) => m.encodeJpeg(frame))
      consumed++
      if (consumed === 50) rssAt100 = process.memoryUsage.rss()
      if (consumed === 150) break
    }
    const health = engine.cameras.list().find((c) => c.id === camera.id)!.health
    const growthMb = (process.memoryUsage.rss() - rssAt100) / 1048576
    console.info(`slow consumer: ${consumed} frames taken, ${health.dropped} dropped of ${health.frames}; RSS grew ${growthMb.toFixed(1)} MB from frame 50 to 150`)
    expect(health.dropped).toBeGreaterThan(consumed)
    expect(health.frames).toBeGreaterThanOrEqual(consumed + health.dropped)
    expect(growthMb).toBeLessThan(64)
    await engine.router.call('cameras.detach', { cameraId: camera.id })
  }, 120_000)

  it('re-attaches persisted cameras when the engine restarts', async () => {
    const dir = makeTempDir()
    const first = await createEngine({ dataDir: dir.path, shell: 'headless', paths: BUILT_PATHS })
    const camera = (await first.router.call('cameras.attach', { name: 'lobby', kind: 'file', location: sample('classroom.gif'), fps: 5, loop: true })) as Camera
    await first.close()
    const second = await createEngine({ dataDir: dir.path, shell: 'headless', paths: BUILT_PATHS })
    try {
      const live = await cameraUntil(second, camera.id, inState('live'))
      expect(live).toMatchObject({ name: 'lobby', fps: 5, loop: true })
    } finally {
      await second.close()
      dir.remove()
    }
  }, 30_000)
})
