import { existsSync } from 'node:fs'

// Integration and browser tests run the built engine (`node bin/mlink.js`), as users do.
export default function setup(): void {
  for (const file of ['out/main/cli.js', 'out/renderer/index.html', 'out/preload/index.cjs']) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run 'npm run build' before the tests (npm test does).`)
  }
}
