// Entry of the `mlink` command (bundled to out/main/cli.js, started by bin/mlink.js).
import { bundlePaths } from '../app/bundle-paths'
import { main } from './mlink'

const exitCode = await main(process.argv.slice(2), bundlePaths(import.meta.url))
if (exitCode !== 0) process.exitCode = exitCode
