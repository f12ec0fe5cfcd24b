// Which ffmpeg decodes: the system's if it is on PATH, else the static build that
// @ffmpeg-installer/ffmpeg ships (works offline). Reported wherever decoding is shown.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

export interface FfmpegBinary {
  path: string
  origin: 'system' | 'bundled'
  version: string
}

let found: FfmpegBinary | undefined

export function findFfmpeg(): FfmpegBinary {
  if (found) return found
  const candidates: { path: string; origin: FfmpegBinary['origin'] }[] = [{ path: process.env.MLINK_FFMPEG ?? 'ffmpeg', origin: 'system' }]
  try {
    const requireHere = createRequire(import.meta.url)
    candidates.push({ path: (requireHere('@ffmpeg-installer/ffmpeg') as { path: string }).path, origin: 'bundled' })
  } catch {
    // not installed: only the system's can be used
  }
  for (const c of candidates) {
    try {
      const out = execFileSync(c.path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] })
      found = { ...c, version: /ffmpeg version (\S+)/.exec(out)?.[1] ?? 'unknown' }
      return found
    } catch {
      // try the next one
    }
  }
  throw new Error('No ffmpeg found: install ffmpeg (apt-get install ffmpeg) or reinstall @ffmpeg-installer/ffmpeg.')
}
