// `mlink cameras add|list|rm|probe`: cameras from the terminal, over the same engine services.
// Works on the data dir; a console already running there picks new cameras up at its next start.
import type { CameraKind, CameraSettings } from '../api/contract'
import type { BundlePaths } from '../app/bundle-paths'
import { formatTable } from './table'
import { parseFlags } from './flags'
import { engineFor } from './engine'
import { UsageError } from './usage-error'

const KINDS: CameraKind[] = ['file', 'stream', 'mjpeg', 'still', 'v4l2', 'folder']

function flags(args: string[]) {
  return parseFlags(args, {
    name: { type: 'string' },
    kind: { type: 'string' },
    fps: { type: 'string' },
    size: { type: 'string' },
    fast: { type: 'boolean' },
    loop: { type: 'boolean' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' }
  }, true)
}

/** `--kind K LOCATION [--name N] [--fps F] [--size WxH] [--fast] [--loop]` as camera settings. */
function settingsOf(values: ReturnType<typeof flags>['values'], positionals: string[]): CameraSettings {
  const location = positionals[0]
  if (!location) throw new UsageError('Give the camera location: a file, folder, URL or /dev/videoN.')
  const kind = (values.kind ?? guessKind(location)) as CameraKind
  if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}.`)
  const settings: CameraSettings = { name: values.name ?? location.split('/').filter(Boolean).at(-1) ?? location, kind, location }
  if (values.fps !== undefined) {
    const fps = values.fps.includes('/') ? Number(values.fps.split('/')[0]) / Number(values.fps.split('/')[1]) : Number(values.fps)
    if (!Number.isFinite(fps) || fps <= 0) throw new UsageError(`--fps must be a positive number or a fraction like 1/60, got '${values.fps}'.`)
    settings.fps = fps
  }
  if (values.size !== undefined) {
    const m = /^(\d+)x(\d+)$/.exec(values.size)
    if (!m) throw new UsageError(`--size must look like 480x270, got '${values.size}'.`)
    settings.width = Number(m[1])
    settings.height = Number(m[2])
  }
  if (values.fast) settings.pace = 'fast'
  if (values.loop) settings.loop = true
  return settings
}

function guessKind(location: string): CameraKind {
  if (location.startsWith('/dev/video')) return 'v4l2'
  if (/^(rtsps?|rtmps?|srt):\/\//.test(location)) return 'stream'
  if (/^https?:\/\/.*\.(jpe?g|png)(\?|$)/i.test(location)) return 'still'
  if (/^https?:\/\/.*(mjpe?g|mjpg)/i.test(location)) return 'mjpeg'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return 'stream'
  return 'file'
}

export async function runCameras(args: string[], paths: BundlePaths): Promise<number> {
  const [sub, ...rest] = args
  if (!['add', 'list', 'rm', 'probe'].includes(sub ?? '')) throw new UsageError("Use 'mlink cameras add|list|rm|probe'.")
  const { values, positionals } = flags(rest)
  const engine = await engineFor(values['data-dir'], paths, sub === 'list')
  try {
    switch (sub) {
      case 'probe': {
        const probe = await engine.cameras.probe(settingsOf(values, positionals))
        const { snapshot, ...facts } = probe
        process.stdout.write(
          values.json
            ? JSON.stringify(probe, null, 2) + '\n'
            : `${facts.location}: ${facts.codec ?? 'unknown codec'} ${facts.sourceWidth ?? '?'}x${facts.sourceHeight ?? '?'}, first frame in ${facts.elapsedMs} ms (ffmpeg ${facts.ffmpeg.origin} ${facts.ffmpeg.version}; snapshot ${snapshot.length} bytes as a data URL)\n`
        )
        return 0
      }
      case 'add': {
        const camera = await engine.cameras.attach(settingsOf(values, positionals))
        process.stdout.write(values.json ? JSON.stringify(camera, null, 2) + '\n' : `attached ${camera.id}: ${camera.name} (${camera.kind} ${camera.location}, ${rate(camera.fps)}, ${camera.width}x${camera.height})\n`)
        return 0
      }
      case 'rm': {
        const id = positionals[0]
        if (!id) throw new UsageError('Give the id of the camera to remove (see mlink cameras list).')
        engine.cameras.restore()
        await engine.cameras.detach(id)
        process.stdout.write(`removed ${id}\n`)
        return 0
      }
      default: {
        const cameras = engine.cameras.list()
        if (values.json) process.stdout.write(JSON.stringify(cameras, null, 2) + '\n')
        else process.stdout.write(formatTable(['id', 'name', 'kind', 'location', 'sampling', 'size'], cameras.map((c) => [c.id, c.name, c.kind, c.location, rate(c.fps), `${c.width}x${c.height}`])))
        return 0
      }
    }
  } finally {
    await engine.close()
  }
}

/** 2 -> '2 fps'; 1/60 -> '1 every 60 s'. */
function rate(fps: number): string {
  return fps >= 1 ? `${+fps.toFixed(2)} fps` : `1 every ${+(1 / fps).toFixed(1)} s`
}
