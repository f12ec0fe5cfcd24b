// The engine runs without Electron (tests, `mlink serve`, model workers): only the shell imports it.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}

it('imports electron only inside src-main/shell', () => {
  const offenders = sourceFiles('src-main').filter(
    (f) => !f.startsWith(join('src-main', 'shell')) && /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(f, 'utf8'))
  )
  expect(offenders).toEqual([])
  expect(readFileSync('src-main/shell/preload.ts', 'utf8')).toContain("from 'electron'")
})

it('the renderer imports engine code only as types, or the pure error module', () => {
  const offenders = sourceFiles('src-renderer').flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/^import (?!type )[^\n]*from ['"](\.\.\/)+src-main\/([^'"]+)['"]/gm)]
      .map((m) => m[2])
      .filter((target) => target !== 'api/errors')
      .map((target) => `${f} -> ${target}`)
  )
  expect(offenders).toEqual([])
})
