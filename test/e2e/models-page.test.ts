// The Models page against a real `mlink serve` with real model processes.
import { expect, it } from 'vitest'
import { SCREENSHOT_DIR } from '../support/browser'
import { useConsoleSession } from '../support/console-session'

const session = useConsoleSession()

it('loads a model into its own process, measures it, and unloads it', async () => {
  const page = await session.open('#/models')
  const row = page.locator('tr[data-model="faces"]')
  await row.getByTestId('model-state').filter({ hasText: 'exited' }).waitFor()
  expect(await page.locator('tr[data-model]').count()).toBe(8)

  await row.getByTestId('load').click()
  await row.getByTestId('model-state').filter({ hasText: 'ready' }).waitFor({ timeout: 30_000 })
  const processText = await row.locator('td').nth(3).textContent()
  expect(processText).toMatch(/pid \d+ · (wasm|tensorflow|cpu)/)
  const pid = Number(/pid (\d+)/.exec(processText ?? '')?.[1])
  expect(() => process.kill(pid, 0)).not.toThrow()

  await row.getByTestId('measure').click()
  await row.getByTestId('model-memory').filter({ hasText: 'peak RSS' }).waitFor({ timeout: 60_000 })
  expect(await row.getByTestId('model-memory').textContent()).toMatch(/\d+ MB peak RSS/)
  await page.locator('canvas').first().waitFor()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/models-1366x768.png`, fullPage: true })

  await row.getByTestId('unload').click()
  await row.getByTestId('model-state').filter({ hasText: 'exited' }).waitFor()
  expect(() => process.kill(pid, 0)).toThrow()
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/models-1920x1080.png`, fullPage: true })
  await page.close()
}, 120_000)
