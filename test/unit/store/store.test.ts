import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveDataDir, defaultDataDir, prepareDataDir, DataDirError } from '../../../src-main/store/data-dir'
import { openDatabase } from '../../../src-main/store/database'
import { JournalRepo } from '../../../src-main/store/journal-repo'
import { applyMigrations } from '../../../src-main/store/migrate'
import { migrations } from '../../../src-main/store/migrations'
import { makeTempDir } from '../../support/temp-dir'

const dir = makeTempDir()
afterAll(() => dir.remove())

describe('database', () => {
  it('opens in WAL mode with every table of the initial schema, and migrates once', () => {
    const path = join(dir.path, 'a.sqlite')
    const first = openDatabase(path)
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal')
    const tables = first.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    for (const t of ['cameras', 'models', 'model_costs', 'profiling_runs', 'profiled_outputs', 'links', 'link_metrics', 'selections', 'accuracy_samples', 'journal']) {
      expect(tables).toContain(t)
    }
    first.db.close()
    const second = openDatabase(path)
    expect(second.schemaVersion).toBe(first.schemaVersion)
    expect(second.db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(first.schemaVersion)
    second.db.close()
  })

  it('rolls back a failing migration whole and applies later ones in order', () => {
    const db = new Database(':memory:')
    const bad = { version: 2, name: 'bad', sql: 'CREATE TABLE t2 (x); INSERT INTO nowhere VALUES (1);' }
    expect(() => applyMigrations(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (x)' }, bad])).toThrow(/nowhere/)
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(names).toContain('t1')
    expect(names).not.toContain('t2')
    expect(applyMigrations(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (x)' }])).toBe(1)
  })
})

describe('journal repository', () => {
  it('pages newest first and filters by level and source', () => {
    const { db } = openDatabase(join(dir.path, 'j.sqlite'))
    const repo = new JournalRepo(db)
    for (let i = 0; i < 5; i++) repo.append({ at: `2026-01-0${i + 1}`, level: i % 2 ? 'warn' : 'info', source: i < 3 ? 'engine' : 'operator', message: `m${i}`, details: { i } })
    const first = repo.list({ limit: 2 })
    expect(first.items.map((e) => e.message)).toEqual(['m4', 'm3'])
    expect(first.items[0]?.details).toEqual({ i: 4 })
    const second = repo.list({ limit: 2, beforeId: first.nextBeforeId! })
    expect(second.items.map((e) => e.message)).toEqual(['m2', 'm1'])
    expect(repo.list({ limit: 10, beforeId: second.nextBeforeId! }).nextBeforeId).toBeNull()
    expect(repo.list({ level: 'warn' }).items.map((e) => e.message)).toEqual(['m3', 'm1'])
    expect(repo.list({ source: 'operator' }).items.map((e) => e.message)).toEqual(['m4', 'm3'])
    db.close()
  })
})

describe('data dir', () => {
  it('prefers the flag, then MLINK_DATA_DIR, then the per-OS default', () => {
    expect(resolveDataDir('/x/flag', { MLINK_DATA_DIR: '/x/env' })).toBe('/x/flag')
    expect(resolveDataDir(undefined, { MLINK_DATA_DIR: '/x/env' })).toBe('/x/env')
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/d' }, '/home/u')).toBe('/d/mlink-console')
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.local/share/mlink-console')
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/MLink Console')
    expect(defaultDataDir('win32', { APPDATA: 'C:\\AppData' }, 'C:\\u')).toContain('MLink Console')
  })

  it('creates a missing folder and explains an impossible one', () => {
    expect(prepareDataDir(join(dir.path, 'new', 'deeper'))).toContain('deeper')
    const file = join(dir.path, 'plain-file')
    writeFileSync(file, 'x')
    expect(() => prepareDataDir(join(file, 'data'))).toThrow(DataDirError)
  })
})

describe('migration 2 (profiling sources)', () => {
  it('keeps runs and the rows that point at them when it rebuilds the table', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    applyMigrations(db, migrations.slice(0, 1))
    db.prepare("INSERT INTO profiling_runs (started_at, status, cameras, models) VALUES ('t', 'done', '[\"lobby\"]', '[]')").run()
    db.prepare("INSERT INTO run_frames (run_id, segment, frame, captured_at) VALUES (1, 's', 0, 't')").run()
    expect(applyMigrations(db, migrations)).toBe(migrations.at(-1)!.version)
    expect(db.prepare('SELECT sources, status FROM profiling_runs').get()).toEqual({ sources: '["lobby"]', status: 'done' })
    expect(db.prepare('SELECT COUNT(*) FROM run_frames').pluck().get()).toBe(1)
    db.prepare("INSERT INTO profiling_runs (started_at, status, sources, models) VALUES ('t', 'failed', '[]', '[]')").run()
    db.prepare('DELETE FROM profiling_runs WHERE id = 1').run()
    expect(db.prepare('SELECT COUNT(*) FROM run_frames').pluck().get()).toBe(0)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })
})
