// An HLS stream served over HTTP on 127.0.0.1 (segments made by a real ffmpeg from a sample clip)
// attached as a 'stream' camera.
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Camera } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { findFfmpeg } from '../../../src-main/sources/ffmpeg'
import { cameraUntil } from '../../support/cameras'
import { startTestEngine } from '../../support/engine'
import { sample } from '../../support/samples'
import { makeTempDir } from '../../support/temp-dir'

const dir = makeTempDir()
let server: Server
let port: number
let engine: Engine
let stop: () => Promise<void>

beforeAll(async () => {
  execFileSync(findFfmpeg().path, ['-v', 'error', '-i', sample('worker-zone-detection.gif'), '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '15', '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod', join(dir.path, 'index.m3u8')])
  server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1).replace(/[^a-z0-9.]/gi, '')
    readFile(join(dir.path, name)).then(
      (body) => res.writeHead(200, { 'content-type': name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t' }).end(body),
      () => res.writeHead(404).end()
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  ;({ engine, stop } = await startTestEngine())
})
afterAll(async () => {
  await stop()
  server.close()
  dir.remove()
})

it('reads an HLS playlist over HTTP and delivers sampled frames', async () => {
  const camera = (await engine.router.call('cameras.attach', { name: 'hls', kind: 'stream', location: `http://127.0.0.1:${port}/index.m3u8`, fps: 5, width: 320, height: 180 })) as Camera
  const seen = await cameraUntil(engine, camera.id, (c) => c.health.frames >= 5)
  expect(seen.health.lastFrameAt).not.toBeNull()
  const probe = (await engine.router.call('cameras.probe', { kind: 'stream', location: `http://127.0.0.1:${port}/index.m3u8` })) as { codec: string; sourceWidth: number }
  expect(probe).toMatchObject({ codec: 'h264', sourceWidth: 480 })
  await engine.router.call('cameras.detach', { cameraId: camera.id })
}, 60_000)
