// Entry of the `mlink` command (bundled to out/main/cli.js, started by bin/mlink.js).
import { main } from './mlink'

const exitCode = await main(process.argv.slice(2))
if (exitCode !== 0) process.exitCode = exitCode
