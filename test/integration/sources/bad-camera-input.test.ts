// Every bad camera input ends in a clear message, and no camera is left half-attached.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ApiError } from '../../../src-main/api/errors'
import type { Engine } from '../../../src-main/app/compose'
import { CamerasRepo } from '../../../src-main/store/cameras-repo'
import { startTestEngine } from '../../support/engine'
import { makeTempDir } from '../../support/temp-dir'

let engine: Engine
let stop: () => Promise<void>
let guarded: Server
let guardedPort: number
const empty = makeTempDir()

beforeAll(async () => {
  ;({ engine, stop } = await startTestEngine())
  // A camera that rejects every request for lack of credentials.
  guarded = createServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="cam"' }).end('no'))
  await new Promise<void>((resolve) => guarded.listen(0, '127.0.0.1', resolve))
  guardedPort = (guarded.address() as AddressInfo).port
})
afterAll(async () => {
  guarded.close()
  empty.remove()
  await stop()
})

const cases = () => [
  { what: 'malformed URL', kind: 'stream', location: 'rtsp//camera-7/live', says: "'rtsp//camera-7/live' is not a URL: a video stream URL looks like rtsp://host/path" },
  { what: 'unsupported scheme', kind: 'stream', location: 'gopher://camera-7/live', says: 'The gopher:// scheme is not supported' },
  { what: 'unreachable host', kind: 'stream', location: 'rtsp://127.0.0.1:9/live', says: 'Could not read a frame from rtsp://127.0.0.1:9/live: Connection refused. Check that the camera is on' },
  { what: 'file that is not a video', kind: 'file', location: 'package.json', says: 'Invalid data found when processing input' },
  { what: 'missing file', kind: 'file', location: '/nowhere/cam.mp4', says: 'No file at /nowhere/cam.mp4' },
  { what: 'folder with no images', kind: 'folder', location: empty.path, says: 'has no images' },
  { what: 'device that does not exist', kind: 'v4l2', location: '/dev/video9', says: 'No capture device at /dev/video9' },
  { what: 'credentials error', kind: 'mjpeg', location: `http://operator:hunter2@127.0.0.1:${guardedPort}/stream`, says: 'Server returned 401 Unauthorized (authorization failed). The camera refused the credentials' }
]

it.each([0, 1, 2, 3, 4, 5, 6, 7])('bad input %i is refused with a clear message and nothing attached', async (index) => {
  const c = cases()[index]!
  for (const method of ['cameras.probe', 'cameras.attach']) {
    const error = (await engine.router.call(method, { name: c.what, kind: c.kind, location: c.location }).catch((e: unknown) => e)) as ApiError
    expect(error, c.what).toBeInstanceOf(ApiError)
    expect(error.code).toBe('invalid_params')
    expect(error.message).toContain(c.says)
    expect(error.message).not.toContain('hunter2')
  }
  expect(new CamerasRepo(engine.db).all()).toEqual([])
  expect(engine.cameras.list()).toEqual([])
})

it('never shows credentials in listings, events or the journal', async () => {
  const journal = JSON.stringify(engine.journal.list({ limit: 500 }))
  expect(journal).not.toContain('hunter2')
})
