// `mlink serve` as users run it: a real child process of the built engine on 127.0.0.1.
import { createServer } from 'node:net'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/temp-dir'
import { runMlink, startServe, type ServeProcess } from '../support/serve-process'

const running: ServeProcess[] = []
const dirs: (() => void)[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()))
  dirs.splice(0).forEach((remove) => remove())
})

function tempDir(): string {
  const dir = makeTempDir()
  dirs.push(dir.remove)
  return dir.path
}

const call = (url: string, method: string, params: unknown = {}, token?: string) =>
  fetch(`${url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(params)
  })

describe('mlink command line', () => {
  it('prints help and version', async () => {
    const help = await runMlink(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('mlink serve')
    const version = await runMlink(['--version'])
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('explains bad flags and unknown commands with exit status 2', async () => {
    const flag = await runMlink(['serve', '--prot', '1'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("Unknown option '--prot'")
    const port = await runMlink(['serve', '--port', 'eighty'])
    expect(port.code).toBe(2)
    expect(port.stderr).toContain('--port must be a whole number')
    const command = await runMlink(['fly'])
    expect(command.code).toBe(2)
    expect(command.stderr).toContain("Unknown command 'fly'")
  })

  it('refuses a port that is in use, saying which', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const result = await runMlink(['serve', '--port', String(port), '--data-dir', tempDir()])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`)
    } finally {
      blocker.close()
    }
  })

  it('refuses an unwritable data dir, saying what to do', async () => {
    // A path below a regular file cannot be created, even by root.
    const file = join(tempDir(), 'file')
    writeFileSync(file, 'x')
    const result = await runMlink(['serve', '--port', '0', '--data-dir', join(file, 'data')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Cannot use data dir')
    expect(result.stderr).toContain('--data-dir')
  })

  it('serves the console and the API on loopback without a token', async () => {
    const dataDir = tempDir()
    const serve = await startServe(['--port', '0', '--data-dir', dataDir])
    running.push(serve)
    expect(serve.token).toBeUndefined()
    const page = await fetch(serve.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app">')
    const info = (await (await call(serve.url, 'system.info')).json()) as { result: { dataDir: string; pid: number } }
    expect(info.result.dataDir).toBe(dataDir)
    expect(info.result.pid).toBe(serve.child.pid)
    expect(existsSync(join(dataDir, 'mlink.sqlite'))).toBe(true)
  })

  it('requires the access token when bound beyond loopback (401 without, 200 with)', async () => {
    const dataDir = tempDir()
    // Bound to every interface; the test still only talks to 127.0.0.1.
    const serve = await startServe(['--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir])
    running.push(serve)
    expect(serve.token).toBeDefined()
    expect(readFileSync(join(dataDir, 'access-token'), 'utf8').trim()).toBe(serve.token)
    const url = serve.url.replace('0.0.0.0', '127.0.0.1')
    expect((await call(url, 'system.info')).status).toBe(401)
    expect((await call(url, 'system.info', {}, 'wrong-token')).status).toBe(401)
    expect((await call(url, 'journal.note', { message: 'sneaky' })).status).toBe(401)
    const ok = await call(url, 'system.info', {}, serve.token)
    expect(ok.status).toBe(200)
    const list = (await (await call(url, 'journal.list', {}, serve.token)).json()) as { result: { items: { message: string }[] } }
    expect(list.result.items.map((i) => i.message)).not.toContain('sneaky')
    // The same token is kept across restarts.
    await serve.stop()
    const again = await startServe(['--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir])
    running.push(again)
    expect(again.token).toBe(serve.token)
    expect(again.output()).not.toContain('(new)')
  })
})
