// Opens the console's SQLite database. WAL keeps committed rows through a killed process;
// `nativeBinding` lets the Electron shell load a better-sqlite3 build for Electron's ABI
// while Node (tests, `mlink serve`) uses the build npm installed.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { applyMigrations } from './migrate'
import { migrations } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running ABI; default: the npm-installed one. */
  nativeBinding?: string
}

export const DATABASE_FILE = 'mlink.sqlite'

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE)
}

/** Opens (creating if needed) and migrates the database; returns it with its schema version. */
export function openDatabase(path: string, options: OpenOptions = {}): { db: Db; schemaVersion: number } {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  db.pragma('journal_mode = WAL')
  // NORMAL in WAL mode loses nothing on a process crash (only on power loss), at far less fsync.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  const schemaVersion = applyMigrations(db, migrations)
  return { db, schemaVersion }
}
