import { describe, expect, it } from 'vitest'
import { findFfmpeg } from '../../../src-main/sources/ffmpeg'
import { DecodeError, readFrames } from '../../../src-main/sources/video-frames'
import { sample } from '../../support/samples'

describe('video decoding with real ffmpeg', () => {
  it('reports which ffmpeg decodes', () => {
    const ffmpeg = findFfmpeg()
    expect(['system', 'bundled']).toContain(ffmpeg.origin)
    expect(ffmpeg.version).not.toBe('')
  })

  it('decodes every frame of a clip at the asked size', async () => {
    const frames = await readFrames(sample('classroom.gif'), { width: 480, height: 270 })
    expect(frames).toHaveLength(45)
    expect(frames.every((f) => f.rgb.length === 480 * 270 * 3)).toBe(true)
    expect(frames.map((f) => f.seq).slice(0, 3)).toEqual([0, 1, 2])
  })

  it('thins, offsets and caps frames, keeping file indices', async () => {
    const frames = await readFrames(sample('one-by-one-person-detection.mp4'), { width: 320, height: 180, every: 100, start: 10, maxFrames: 4 })
    expect(frames.map((f) => f.seq)).toEqual([10, 110, 210, 310])
  })

  it('says why a file is not a video', async () => {
    await expect(readFrames('package.json', { width: 64, height: 36 })).rejects.toThrow(DecodeError)
  })
})
