#!/usr/bin/env node
// Prepares the desktop app on a machine with internet access (run by `npm start`):
// 1. fetches the Electron binary (npm install skips it: `allowScripts` has electron: false);
// 2. builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node, which the
// desktop shell passes as better-sqlite3's `nativeBinding`. npm's own build (Node's ABI) stays
// in node_modules for tests and `mlink serve`. Needs Electron's headers from the internet: where
// they cannot be fetched this prints why and exits 0, and only the desktop window is affected.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
if (!existsSync(join(electronDir, 'path.txt'))) {
  try {
    execFileSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' })
  } catch {
    console.warn('Could not download the Electron binary; the desktop window cannot start here. Use `npm run serve`.')
  }
}
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
const work = join('native', 'electron-build')
const target = join('native', 'electron', 'better_sqlite3.node')

const nodeGyp =
  process.env.npm_config_node_gyp ??
  join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')

if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`better-sqlite3 for Electron already built: ${target} (--force rebuilds)`)
  process.exit(0)
}

try {
  rmSync(work, { recursive: true, force: true })
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) })
  execFileSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit' }
  )
  mkdirSync(dirname(target), { recursive: true })
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target)
  console.log(`better-sqlite3 built for Electron ${electronVersion}: ${target}`)
} catch (err) {
  console.warn(
    `\nCould not build better-sqlite3 for Electron ${electronVersion} (${err instanceof Error ? err.message.split('\n')[0] : err}).\n` +
      `The desktop window needs it and Electron's headers from the internet to build it; ` +
      `'npm run serve' and the tests are unaffected.` +
      (existsSync(target) ? `\nKeeping the earlier build at ${target}.` : '')
  )
} finally {
  rmSync(work, { recursive: true, force: true })
}
