import { readdir, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { SourceError } from '../source-error'
import type { SourceKind } from './source-kind'

const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.bmp']

/** The image extension most files of the folder have (ffmpeg reads one pattern). */
async function dominantExtension(folder: string): Promise<string | null> {
  const counts = new Map<string, number>()
  for (const name of await readdir(folder)) {
    const ext = extname(name).toLowerCase()
    if (IMAGE_EXTENSIONS.includes(ext)) counts.set(ext, (counts.get(ext) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

/** A folder of still images, read in name order, one per sampling interval. */
export const folderKind: SourceKind = {
  kind: 'folder',
  mode: 'stream',
  async check(location) {
    const folder = resolve(location)
    const info = await stat(folder).catch(() => null)
    if (!info?.isDirectory()) throw new SourceError(`No folder at ${folder}: give a folder holding .jpg or .png images.`)
    if (!(await dominantExtension(folder))) throw new SourceError(`${folder} has no images (${IMAGE_EXTENSIONS.join(', ')}): put the frames there first.`)
    return folder
  },
  // The folder's rate is the sampling rate: one image per interval (the fps filter then keeps each).
  input: async (s) => [
    ...(s.pace === 'realtime' ? ['-re'] : []),
    ...(s.loop ? ['-stream_loop', '-1'] : []),
    '-framerate',
    String(s.fps),
    '-pattern_type',
    'glob',
    '-i',
    join(s.location, `*${(await dominantExtension(s.location)) ?? '.jpg'}`)
  ],
  finite: (s) => !s.loop
}
