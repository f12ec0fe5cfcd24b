import { stat } from 'node:fs/promises'
import { SourceError } from '../source-error'
import type { SourceKind } from './source-kind'

/** A local capture device on Linux (USB camera, capture card). */
export const v4l2Kind: SourceKind = {
  kind: 'v4l2',
  mode: 'stream',
  async check(location) {
    if (!/^\/dev\/video\d+$/.test(location)) throw new SourceError(`'${location}' is not a V4L2 device: give /dev/video0, /dev/video1, ...`)
    const info = await stat(location).catch(() => null)
    if (!info?.isCharacterDevice()) throw new SourceError(`No capture device at ${location}: is the camera plugged in? 'ls /dev/video*' lists them.`)
    return location
  },
  input: (s) => ['-f', 'v4l2', '-i', s.location],
  finite: () => false
}
