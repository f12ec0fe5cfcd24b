// Setting up a served console's world through its HTTP API: profiled and trained runs, measured costs.
import { expect } from 'vitest'
import type { ProfileRun } from '../../src-main/api/contract'
import type { ConsoleSession } from './console-session'

/** Profiles the videos with the models (every 2nd frame), waits for the end, trains the links and waits for them. */
export async function trainedRunOver(session: ConsoleSession, params: { videos: string[]; models: string[]; epochs: number }): Promise<ProfileRun> {
  const run = await session.call('profiles.start', { videos: params.videos, models: params.models, every: 2 })
  await expect.poll(async () => (await session.call('profiles.get', { runId: run.id })).status, { timeout: 120_000, interval: 500 }).toBe('done')
  await session.call('links.train', { runId: run.id, epochs: params.epochs })
  await expect.poll(async () => (await session.call('links.matrix', { runId: run.id }).catch(() => null))?.targets.length ?? 0, { timeout: 120_000, interval: 500 }).toBe(params.models.length)
  return run
}

/** Measures each model's cost (then unloads it), on `video` or the default sample. */
export async function measureCostsOver(session: ConsoleSession, models: string[], options: { video?: string; frames: number; warmup: number }): Promise<void> {
  for (const modelId of models) {
    await session.call('models.profileCost', { modelId, ...options })
    await session.call('models.unload', { modelId })
  }
}
