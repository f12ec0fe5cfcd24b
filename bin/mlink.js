#!/usr/bin/env node
// Starts the built command line; `npm run build` makes out/main/cli.js.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('mlink: the engine is not built. Run `npm run build` in the project folder first.\n')
  process.exit(1)
}
await import(cli.href)
