import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { SourceError } from '../source-error'
import type { SourceKind } from './source-kind'

export const fileKind: SourceKind = {
  kind: 'file',
  mode: 'stream',
  async check(location) {
    const path = resolve(location)
    const info = await stat(path).catch(() => null)
    if (!info) throw new SourceError(`No file at ${path}: give the path of a video file on this machine.`)
    if (!info.isFile()) throw new SourceError(`${path} is not a file: for a folder of images choose the 'folder' kind.`)
    return path
  },
  input: (s) => [...(s.pace === 'realtime' ? ['-re'] : []), ...(s.loop ? ['-stream_loop', '-1'] : []), '-i', s.location],
  finite: (s) => !s.loop
}
