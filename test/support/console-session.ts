// A browser test's world: a real `mlink serve` on a free port with its own data dir, and Debian
// Chromium. Registers its own beforeAll/afterAll.
import type { Browser, Page } from 'playwright-core'
import type { MethodName, ParamsOf, ResultOf } from '../../src-main/api/contract'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser'
import { startServe, type ServeProcess } from './serve-process'
import { makeTempDir } from './temp-dir'

export interface ConsoleSession {
  dataDir: string
  serve: ServeProcess
  browser: Browser
  /** A page of the console at the given size, on `hash` (e.g. '#/models'). */
  open(hash?: string, size?: { width: number; height: number }): Promise<Page>
  /** Calls the served engine's API over HTTP; rejects with the engine's message on an error. */
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>
}

export function useConsoleSession(): ConsoleSession {
  const dir = makeTempDir()
  let closeBrowser: (() => Promise<void>) | undefined
  const session = { dataDir: dir.path } as ConsoleSession
  session.open = async (hash = '', size = { width: 1366, height: 768 }) => {
    const page = await session.browser.newPage({ viewport: size })
    await page.goto(`${session.serve.url}${hash}`)
    return page
  }
  session.call = async (method, params) => {
    const res = await fetch(`${session.serve.url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) })
    const body = (await res.json()) as { result?: never; error?: { message: string } }
    if (body.error) throw new Error(body.error.message)
    return body.result as never
  }
  beforeAll(async () => {
    session.serve = await startServe(['--port', '0', '--data-dir', dir.path])
    const chromium = await launchChromium()
    session.browser = chromium.browser
    closeBrowser = chromium.close
  })
  afterAll(async () => {
    await closeBrowser?.()
    await session.serve?.stop()
    dir.remove()
  })
  return session
}
