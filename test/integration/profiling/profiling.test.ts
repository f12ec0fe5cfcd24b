// Profiling runs over real footage with real models: aligned outputs, progress, cache, cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfileProgress, ProfileRun } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { ProfilesRepo } from '../../../src-main/store/profiles-repo'
import { startTestEngine } from '../../support/engine'
import { sample } from '../../support/samples'

let engine: Engine
let stop: () => Promise<void>
beforeAll(async () => ({ engine, stop } = await startTestEngine()))
afterAll(async () => stop())

function runEnds(runId: number): Promise<ProfileRun> {
  return new Promise((resolve) => {
    const off = engine.bus.subscribe('profiles.changed', (run) => {
      if (run.id === runId && run.status !== 'running') {
        off()
        resolve(run)
      }
    })
  })
}

describe('profiling runs', () => {
  it('runs every chosen model on the same frames, with progress, and stores aligned outputs', async () => {
    const progress: ProfileProgress[] = []
    engine.bus.subscribe('profiles.progress', (p) => progress.push(p))
    const started = (await engine.router.call('profiles.start', { videos: [sample('classroom.gif')], models: ['faces', 'person-pose'], every: 3 })) as ProfileRun
    expect(started.status).toBe('running')
    const run = await runEnds(started.id)
    expect(run).toMatchObject({ status: 'done', frames: 15, total: 30, done: 30, cached: 0, error: null })
    expect(progress.at(-1)).toMatchObject({ runId: run.id, done: 30, total: 30 })
    const repo = new ProfilesRepo(engine.db)
    expect(repo.frames(run.id).map((f) => f.frame)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42])
    const outputs = repo.outputs(run.id, run.models)
    const pose = outputs.get('person-pose')!
    expect(pose).toHaveLength(15)
    expect(pose.every((o) => o?.kind === 'vector' && o.values[0]! >= 1)).toBe(true)
    // Models were loaded one at a time and unloaded after.
    expect(engine.models.loadedIds()).toEqual([])
  }, 60_000)

  it('computes nothing twice for the same footage and model version', async () => {
    const started = (await engine.router.call('profiles.start', { videos: [sample('classroom.gif')], models: ['faces', 'person-pose'], every: 3 })) as ProfileRun
    const run = await runEnds(started.id)
    expect(run).toMatchObject({ status: 'done', done: 30, cached: 30 })
    const again = (await engine.router.call('profiles.start', { videos: [sample('classroom.gif')], models: ['faces'], every: 1, maxFrames: 20 })) as ProfileRun
    expect(await runEnds(again.id)).toMatchObject({ status: 'done', frames: 20, done: 20, cached: 7 })
  }, 60_000)

  it('cancels a running run, and refuses to cancel one that ended', async () => {
    const started = (await engine.router.call('profiles.start', { videos: [sample('car-detection.mp4')], models: ['objects'], maxFrames: 200 })) as ProfileRun
    await new Promise<void>((resolve) => {
      const off = engine.bus.subscribe('profiles.progress', (p) => p.runId === started.id && p.done > 0 && (off(), resolve()))
    })
    await engine.router.call('profiles.cancel', { runId: started.id })
    const run = await runEnds(started.id)
    expect(run.status).toBe('cancelled')
    expect(run.done).toBeLessThan(200)
    const error = (await engine.router.call('profiles.cancel', { runId: started.id }).catch((e: unknown) => e)) as { code: string }
    expect(error.code).toBe('conflict')
    const listed = (await engine.router.call('profiles.list', {})) as { runs: ProfileRun[] }
    expect(listed.runs[0]?.id).toBe(started.id)
  }, 60_000)

  it('refuses a run without sources or with an unknown model', async () => {
    expect(((await engine.router.call('profiles.start', {}).catch((e: unknown) => e)) as { message: string }).message).toContain('give at least one video or camera')
    expect(((await engine.router.call('profiles.start', { videos: [sample('classroom.gif')], models: ['nope'] }).catch((e: unknown) => e)) as { code: string }).code).toBe('not_found')
  })
})
