// `mlink`: the console's command line, thin over the same engine services.
import type { BundlePaths } from '../app/bundle-paths'
import { ENGINE_VERSION } from '../app/version'
import { runCameras } from './cameras'
import { runBench } from './bench'
import { runLinks } from './links'
import { runProfile } from './profile'
import { runModels } from './models'
import { runServe } from './serve'
import { runWorker } from './worker'
import { UsageError } from './usage-error'

const HELP = `mlink ${ENGINE_VERSION} — MLink Console

Usage:
  mlink serve [--host 127.0.0.1] [--port 7766] [--data-dir DIR]
      Run the engine headless and serve the console at http://HOST:PORT/.
      A host other than loopback requires the access token kept in the data dir.
  mlink models list [--json]
      Every model (built-in zoo and yours) with its output and latest measured cost.
  mlink models run --model ID --video FILE [--frames 5] [--json]
      Run one model on the first frames of a video; print its outputs.
  mlink models cost [--model ID ...] [--video FILE] [--frames 10] [--warmup 2] [--json]
      Measure memory and latency (p50/p95) of each model in its own process; store the figures.
  mlink cameras probe LOCATION [--kind K] [--size 480x270]
      Test a camera: open it, read one frame, print codec and resolution.
  mlink cameras add LOCATION [--kind K] [--name N] [--fps 1] [--size 480x270] [--fast] [--loop]
      Probe, then attach a camera (kinds: file, stream, mjpeg, still, v4l2, folder;
      guessed from the location when --kind is not given; --fps 1/60 is one frame a minute).
  mlink cameras list [--json]
  mlink cameras rm ID
  mlink profile --video FILE [--video FILE ...] [--every 1] [--frames 300] [--models a,b]
      Run every model on the same frames and store their outputs (cached by footage and version).
  mlink links train --run ID [--epochs 100] [--patience 10] [--json]
      Train every pairwise link of a profiling run (RMSprop, lr 0.01, batch 32) and print the matrix.
  mlink links matrix --run ID [--json]
      The link matrix of a trained run: targets x sources, best single, ensembles, constant baseline.
  mlink links fractions --run ID [--epochs 100] [--json]
      The data-fraction study: links trained on 1, 5, 10, 20, 48% of the training frames.
  mlink links bench --run ID [--frames 200]
      Time one batched forward of every stored link per frame, against one forward per link.
  mlink bench --videos DIR|FILE [--videos ...] [--budgets 0.25,0.5,0.75] [--cost memory|latency]
            [--every 2] [--frames 500] [--models a,b] [--json]
      Accuracy vs budget: profile (cached), measure costs, train links, then compare Standalone,
      Standalone+prior, frame filtering and MLink (paper greedy, lazy greedy, exact, + filtering).
  mlink bench --replay VIDEO --run ID [--budget 0.5] [--cost memory|latency] [--every 1]
            [--every-frames 20] [--reprofile-frames 4] [--retrain-every 3] [--json]
      The runtime over a video played as a camera with re-profiling on: accuracy over time.
  mlink worker [--listen HOST:PORT] --model ZOO_ID
      Serve one zoo model over the KServe v2 inference protocol (default 127.0.0.1:8000),
      so a console on another workstation can use it as a remote model.
  mlink --help | --version

Common flags: --data-dir DIR

Environment:
  MLINK_DATA_DIR   data folder when --data-dir is not given
  MLINK_SAMPLES    folder of the sample footage (default ../shared/data/videos)
  MLINK_FFMPEG     ffmpeg to use (default: the system's, else the bundled one)
`

export async function main(argv: string[], paths: BundlePaths): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP)
      return 0
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${ENGINE_VERSION}\n`)
      return 0
    }
    if (command === 'serve') return await runServe(rest, paths)
    if (command === 'models') return await runModels(rest, paths)
    if (command === 'cameras') return await runCameras(rest, paths)
    if (command === 'profile') return await runProfile(rest, paths)
    if (command === 'links') return await runLinks(rest, paths)
    if (command === 'bench') return await runBench(rest, paths)
    if (command === 'worker') return await runWorker(rest)
    throw new UsageError(`Unknown command '${command}'.`)
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`mlink: ${err.message}\nRun 'mlink --help' for usage.\n`)
      return 2
    }
    process.stderr.write(`mlink: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
}

