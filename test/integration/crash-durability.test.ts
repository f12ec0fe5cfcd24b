// kill -9 of `mlink serve` in the middle of a burst of writes: the database reopens intact,
// keeps every write the engine acknowledged, and the migrations re-run as no-ops.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/store/database'
import { startServe, type ServeProcess } from '../support/serve-process'
import { makeTempDir } from '../support/temp-dir'

let serve: ServeProcess | undefined
const dir = makeTempDir()
afterEach(async () => {
  await serve?.stop()
  dir.remove()
})

it('keeps every acknowledged row after kill -9 during a write burst', async () => {
  serve = await startServe(['--port', '0', '--data-dir', dir.path])
  const acknowledged: string[] = []
  let stop = false
  let killed = false
  const writer = async (lane: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const message = `burst ${lane}-${i}`
      try {
        const res = await fetch(`${serve!.url}api/journal.note`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message })
        })
        if (res.status === 200) acknowledged.push(message)
      } catch {
        return // the server is gone
      }
      if (!killed && acknowledged.length >= 300) {
        killed = true
        serve!.child.kill('SIGKILL')
      }
    }
  }
  const lanes = [0, 1, 2, 3].map(writer)
  await new Promise<void>((resolve) => serve!.child.once('exit', () => resolve()))
  stop = true
  await Promise.all(lanes)
  expect(serve.child.signalCode).toBe('SIGKILL')
  expect(acknowledged.length).toBeGreaterThanOrEqual(300)

  const path = join(dir.path, 'mlink.sqlite')
  const raw = new Database(path)
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
  const stored = new Set(raw.prepare("SELECT message FROM journal WHERE source = 'operator'").pluck().all() as string[])
  expect(acknowledged.filter((m) => !stored.has(m))).toEqual([])
  const migrationsBefore = raw.prepare('SELECT version, applied_at FROM schema_migrations').all()
  raw.close()

  const reopened = openDatabase(path)
  expect(reopened.db.prepare('SELECT version, applied_at FROM schema_migrations').all()).toEqual(migrationsBefore)
  expect(reopened.db.prepare('SELECT COUNT(*) FROM journal').pluck().get()).toBeGreaterThanOrEqual(acknowledged.length)
  reopened.db.close()
})
