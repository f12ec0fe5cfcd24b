// The desktop app needs a better-sqlite3 built for Electron's ABI; `npm run electron:setup`
// builds it into native/electron/ (tests and `mlink serve` keep using npm's Node build).
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const ELECTRON_SQLITE_BINDING = join('native', 'electron', 'better_sqlite3.node')

export function electronSqliteBinding(appPath: string): string {
  const path = join(appPath, ELECTRON_SQLITE_BINDING)
  if (!existsSync(path)) {
    throw new Error(
      `better-sqlite3 for Electron is missing (${path}). Run 'npm run electron:setup' on a machine that can download Electron's headers.`
    )
  }
  return path
}
