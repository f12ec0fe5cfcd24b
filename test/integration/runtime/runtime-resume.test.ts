// An engine that stops while the runtime runs (shutdown or crash) resumes it at its next start,
// on the same camera with the same links and budget; an operator's stop is not undone.
import { afterAll, expect, it } from 'vitest'
import type { Camera, RuntimeState } from '../../../src-main/api/contract'
import { createEngine, type Engine } from '../../../src-main/app/compose'
import { BUILT_PATHS } from '../../support/built'
import { measureCosts, nextEvent, trainedRun } from '../../support/engine'
import { sample } from '../../support/samples'
import { makeTempDir } from '../../support/temp-dir'

const dir = makeTempDir()
const open = (): Promise<Engine> => createEngine({ dataDir: dir.path, shell: 'headless', paths: BUILT_PATHS, resumeRuntime: true })
afterAll(() => dir.remove())

it('resumes the runtime after an engine restart, and not after an operator stopped it', async () => {
  const models = ['faces', 'face-gender']
  let engine = await open()
  const video = sample('face-demographics-walking.gif')
  const run = await trainedRun(engine, { videos: [video], models, epochs: 10 })
  await measureCosts(engine, models, video, 6, 1)
  const camera = (await engine.router.call('cameras.attach', { name: 'walkway', kind: 'file', location: video, fps: 4, loop: true })) as Camera
  const started = (await engine.router.call('runtime.start', { cameraId: camera.id, runId: run.id, budget: 1e12 })) as RuntimeState
  await engine.close()

  engine = await open()
  const resumed = await nextEvent(engine, 'runtime.state', (s) => s.status === 'running' && s.models.every((m) => m.activation === 'exact'))
  expect(resumed).toMatchObject({ cameraId: camera.id, runId: run.id, budget: started.budget, active: started.active })
  const messages = async (): Promise<string[]> => ((await engine.router.call('journal.list', { limit: 20 })) as { items: { message: string }[] }).items.map((i) => i.message)
  await expect.poll(messages).toContainEqual(expect.stringContaining('Runtime resumed on camera'))
  await engine.router.call('runtime.stop', {})
  await engine.close()

  engine = await open()
  expect(((await engine.router.call('runtime.state', {})) as RuntimeState).status).toBe('stopped')
  expect(engine.models.loadedIds()).toEqual([])
  await engine.close()
}, 180_000)
