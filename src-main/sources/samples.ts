import { join, resolve } from 'node:path'

/** Folder of the sample camera footage: MLINK_SAMPLES, else ../shared/data/videos beside the checkout. */
export function samplesDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.MLINK_SAMPLES ?? join(process.cwd(), '..', 'shared', 'data', 'videos'))
}

export function sampleVideo(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(samplesDir(env), name)
}
