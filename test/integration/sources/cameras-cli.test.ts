import { afterAll, expect, it } from 'vitest'
import { runMlink } from '../../support/serve-process'
import { sample } from '../../support/samples'
import { makeTempDir } from '../../support/temp-dir'

const dir = makeTempDir()
afterAll(() => dir.remove())

it('probes, adds, lists and removes a camera from the terminal', async () => {
  const probe = await runMlink(['cameras', 'probe', sample('car-detection.mp4'), '--data-dir', dir.path])
  expect(probe.stdout).toMatch(/car-detection\.mp4: h264 768x432, first frame in \d+ ms/)
  const add = await runMlink(['cameras', 'add', sample('classroom.gif'), '--name', 'classroom', '--fps', '1/60', '--loop', '--data-dir', dir.path])
  expect(add.stderr).toBe('')
  const id = /attached (\S+):/.exec(add.stdout)?.[1]
  expect(add.stdout).toContain('1 every 60 s, 480x270')
  const list = await runMlink(['cameras', 'list', '--data-dir', dir.path])
  expect(list.stdout).toMatch(new RegExp(`${id}\\s+classroom\\s+file`))
  const rm = await runMlink(['cameras', 'rm', id!, '--data-dir', dir.path])
  expect(rm.stdout).toBe(`removed ${id}\n`)
  expect((await runMlink(['cameras', 'list', '--data-dir', dir.path])).stdout).not.toContain(id)
})

it('explains bad cameras and bad flags', async () => {
  const scheme = await runMlink(['cameras', 'add', 'gopher://cam/live', '--data-dir', dir.path])
  expect(scheme.code).toBe(1)
  expect(scheme.stderr).toContain('The gopher:// scheme is not supported')
  const fps = await runMlink(['cameras', 'add', sample('classroom.gif'), '--fps', 'fast', '--data-dir', dir.path])
  expect(fps.code).toBe(2)
  expect(fps.stderr).toContain('--fps must be a positive number')
})
