// `mlink models ...` as an operator types it, against the built engine and real weights.
import { afterAll, expect, it } from 'vitest'
import { runMlink } from '../../support/serve-process'
import { sample } from '../../support/samples'
import { makeTempDir } from '../../support/temp-dir'

const dir = makeTempDir()
afterAll(() => dir.remove())

it('runs a model on a video and prints its outputs by dimension name', async () => {
  const result = await runMlink(['models', 'run', '--model', 'faces', '--video', sample('face-demographics-walking.gif'), '--frames', '3', '--data-dir', dir.path])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(/Faces \(faces\) on .*: TF\.js (wasm|tensorflow|cpu), pid \d+/)
  const lines = result.stdout.trim().split('\n')
  expect(lines[1]).toMatch(/^frame\s+ms\s+faces\s+largest:x\s+largest:y\s+largest:w\s+largest:h$/)
  expect(lines.slice(3)).toHaveLength(3)
})

it('measures cost, stores it, and lists it with the memory figure named', async () => {
  const cost = await runMlink(['models', 'cost', '--model', 'face-emotion', '--frames', '3', '--warmup', '1', '--data-dir', dir.path, '--json'])
  expect(cost.code).toBe(0)
  const [report] = JSON.parse(cost.stdout) as { modelId: string; memoryKind: string; memoryBytes: number; frames: number }[]
  expect(report).toMatchObject({ modelId: 'face-emotion', memoryKind: 'rss', frames: 3 })
  const list = await runMlink(['models', 'list', '--data-dir', dir.path])
  expect(list.stdout).toMatch(new RegExp(`face-emotion\\s+zoo\\s+8 values\\s+${(report!.memoryBytes / 1048576).toFixed(1)} MB rss`))
})

it('explains a wrong model id and missing flags', async () => {
  const unknown = await runMlink(['models', 'run', '--model', 'teleporter', '--video', 'x.mp4', '--data-dir', dir.path])
  expect(unknown.code).toBe(1)
  expect(unknown.stderr).toContain("Model 'teleporter': no such model. Known: person-pose")
  const missing = await runMlink(['models', 'run', '--model', 'faces', '--data-dir', dir.path])
  expect(missing.code).toBe(2)
  expect(missing.stderr).toContain('needs --model ID and --video FILE')
})
