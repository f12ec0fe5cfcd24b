// Where the console keeps its database, access token and link weights.
import { accessSync, constants, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export const DATA_DIR_ENV = 'MLINK_DATA_DIR'

export class DataDirError extends Error {
  override readonly name = 'DataDirError'
}

/** Per-OS application-data folder, the same one the desktop app and `mlink serve` use. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'MLink Console')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'MLink Console')
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'mlink-console')
}

/** The flag wins over the environment variable, which wins over the per-OS default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env[DATA_DIR_ENV] ?? defaultDataDir(process.platform, env))
}

/** Creates the folder if needed and proves the engine can write there. */
export function prepareDataDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK | constants.R_OK)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new DataDirError(
      `Cannot use data dir ${dir}: ${reason}. Pass a writable folder with --data-dir or ${DATA_DIR_ENV}.`
    )
  }
  return dir
}
