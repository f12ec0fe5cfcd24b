// The console in a real browser against a real `mlink serve`: every page, the status bar fed
// by the engine, a note written through the UI, and reconnection after the engine restarts.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SCREENSHOT_DIR } from '../support/browser'
import { useConsoleSession } from '../support/console-session'
import { startServe } from '../support/serve-process'

const sizes = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1920x1080', width: 1920, height: 1080 }
]
const pageNames = ['dashboard', 'cameras', 'models', 'links', 'runs']

describe('console shell in Chromium', () => {
  const session = useConsoleSession()

  async function open(width: number, height: number): Promise<Page> {
    const page = await session.open('', { width, height })
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor()
    return page
  }

  it.each(sizes)('shows engine data in the status bar and visits every page at $name', async ({ name, width, height }) => {
    const page = await open(width, height)
    await expect.poll(() => page.getByTestId('data-dir').textContent()).toBe(`Data: ${session.dataDir}`)
    expect(await page.getByTestId('backend').textContent()).toMatch(/^TF\.js: (tensorflow|wasm|cpu)/)
    expect(await page.getByTestId('version').textContent()).toMatch(/^Engine \d+\.\d+\.\d+$/)
    for (const p of pageNames) {
      await page.locator(`nav [data-page="${p}"]`).click()
      await page.locator('h1').filter({ hasText: new RegExp(`^${p}$`, 'i') }).waitFor()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/shell-${p}-${name}.png` })
    }
    await page.close()
  })

  it('writes an operator note through the UI and shows the engine’s validation message', async () => {
    const page = await open(1366, 768)
    await page.getByTestId('note-text').fill('camera 2 lens cleaned')
    await page.getByTestId('note-submit').click()
    await page.getByTestId('journal').getByText('camera 2 lens cleaned').waitFor()
    await page.getByTestId('note-text').fill('   ')
    await page.getByTestId('note-submit').click()
    await expect.poll(() => page.getByTestId('note-error').textContent()).toContain('a note needs some text')
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shell-dashboard-dark-1366x768.png` })
    await page.close()
  })

  it('shows the connection dropping and recovering when the engine restarts', async () => {
    const page = await open(1366, 768)
    const port = new URL(session.serve.url).port
    await session.serve.stop()
    await page.getByTestId('connection').filter({ hasText: 'Reconnecting' }).waitFor()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shell-reconnecting.png` })
    session.serve = await startServe(['--port', port, '--data-dir', session.dataDir])
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 })
    // After reconnecting the journal reloads: both engine starts are listed.
    await expect.poll(() => page.getByTestId('journal').getByText(/Engine .* started \(headless/).count()).toBe(2)
    await page.close()
  })
})
