// `mlink`: the console's command line, thin over the same engine services.
import type { BundlePaths } from '../app/bundle-paths'
import { ENGINE_VERSION } from '../app/version'
import { runServe } from './serve'
import { UsageError } from './usage-error'

const HELP = `mlink ${ENGINE_VERSION} — MLink Console

Usage:
  mlink serve [--host 127.0.0.1] [--port 7766] [--data-dir DIR]
      Run the engine headless and serve the console at http://HOST:PORT/.
      A host other than loopback requires the access token kept in the data dir.
  mlink --help | --version

Environment:
  MLINK_DATA_DIR   data folder when --data-dir is not given
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

