import { existsSync } from 'node:fs'
import { sampleVideo, samplesDir } from '../../src-main/sources/samples'

/** A sample clip from ../shared/data/videos (or MLINK_SAMPLES); fails loudly when the footage is missing. */
export function sample(name: string): string {
  const path = sampleVideo(name)
  if (!existsSync(path)) throw new Error(`Sample footage ${path} is missing: put ../shared beside the checkout or set MLINK_SAMPLES (now ${samplesDir()}).`)
  return path
}
