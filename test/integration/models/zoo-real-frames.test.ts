// Every zoo model in its own real worker process, with real weights, on real footage decoded by
// ffmpeg. The expectations are the scenes' plain facts (people in a classroom, an empty room,
// faces walking toward the camera).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Frame } from '../../../src-main/models/frame'
import type { ModelProcessHost } from '../../../src-main/models/process-host'
import { checkOutput, type ModelOutput } from '../../../src-main/models/output-spec'
import { zoo, zooModel } from '../../../src-main/models/zoo/catalog'
import { readFrames } from '../../../src-main/sources/video-frames'
import { sample } from '../../support/samples'
import { workerHost } from '../../support/built'

const size = { width: 480, height: 270 }
let classroom: Frame[]
let walking: Frame[]
let emptyRoom: Frame[]

const values = (o: ModelOutput): number[] => (o.kind === 'vector' ? o.values : [])
const fraction = (xs: boolean[]): number => xs.filter(Boolean).length / xs.length

async function outputsOf(id: string, frames: Frame[]): Promise<ModelOutput[]> {
  const host: ModelProcessHost = workerHost(zooModel(id)!.definition)
  try {
    await host.start()
    expect(host.status().backend?.name).toMatch(/tensorflow|wasm|cpu/)
    return (await host.infer(frames)).map((o) => o.output)
  } finally {
    await host.stop()
  }
}

beforeAll(async () => {
  classroom = await readFrames(sample('classroom.gif'), size)
  walking = await readFrames(sample('face-demographics-walking.gif'), size)
  emptyRoom = await readFrames(sample('one-by-one-person-detection.mp4'), { ...size, maxFrames: 1 })
})

describe('zoo models on real frames', () => {
  it('every zoo model returns outputs that match its spec', async () => {
    for (const model of zoo) {
      const outputs = await outputsOf(model.definition.id, walking.slice(0, 4))
      expect(outputs).toHaveLength(4)
      for (const o of outputs) expect(() => checkOutput(model.definition.spec, o)).not.toThrow()
    }
  }, 120_000)

  it('classroom: the object model counts >= 3 persons and the pose model >= 1 on nearly every frame', async () => {
    const objects = await outputsOf('objects', classroom)
    const pose = await outputsOf('person-pose', classroom)
    const objectsAtLeast3 = fraction(objects.map((o) => values(o)[0]! >= 3))
    const poseAtLeast1 = fraction(pose.map((o) => values(o)[0]! >= 1))
    console.info(`classroom: objects >=3 persons on ${(objectsAtLeast3 * 100).toFixed(0)}%, pose >=1 on ${(poseAtLeast1 * 100).toFixed(0)}% of ${classroom.length} frames`)
    expect(objectsAtLeast3).toBeGreaterThanOrEqual(0.9)
    expect(poseAtLeast1).toBeGreaterThanOrEqual(0.9)
    // The object model also sees the room's furniture.
    expect(objects.some((o) => values(o)[1 + 0]! === 1)).toBe(true) // chair
  }, 120_000)

  it('empty room (first frame of one-by-one): no person, no face, gender "none"', async () => {
    expect(values((await outputsOf('person-pose', emptyRoom))[0]!)).toEqual([0])
    expect(values((await outputsOf('objects', emptyRoom))[0]!)[0]).toBe(0)
    expect(values((await outputsOf('faces', emptyRoom))[0]!)).toEqual([0, 0, 0, 0, 0])
    expect(values((await outputsOf('face-gender', emptyRoom))[0]!)).toEqual([1, 0, 0])
    expect(values((await outputsOf('face-age', emptyRoom))[0]!)).toEqual([1, 0, 0])
  }, 120_000)

  it('faces walking: a face with box, gender and age on most frames', async () => {
    const faces = await outputsOf('faces', walking)
    const gender = await outputsOf('face-gender', walking)
    const age = await outputsOf('face-age', walking)
    const complete = walking.map((_, i) => {
      const [count, , , w, h] = values(faces[i]!)
      const g = values(gender[i]!)
      const [, present, years] = values(age[i]!)
      return count! >= 1 && w! > 0 && h! > 0 && g[0] === 0 && present === 1 && years! > 0
    })
    const share = fraction(complete)
    console.info(`face-demographics-walking: face + box + gender + age on ${(share * 100).toFixed(0)}% of ${walking.length} frames`)
    expect(share).toBeGreaterThanOrEqual(0.5)
  }, 120_000)
})
