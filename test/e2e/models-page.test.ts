// The Models page against a real `mlink serve` with real model processes.
import { join } from 'node:path'
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

it('adds a command model through the form (a bad id is explained, nothing added), disables a model, removes the added one', async () => {
  const fixture = join(import.meta.dirname, '../fixtures/command-model/brightness.mjs')
  const page = await session.open('#/models', { width: 1366, height: 768 })
  await page.getByTestId('add-model-form').waitFor()
  const before = await page.locator('tr[data-model]').count()
  await page.getByTestId('add-source-command').check()
  await page.getByTestId('add-id').fill('Bright Ness')
  await page.getByTestId('add-name').fill('Brightness')
  await page.getByTestId('add-command').fill(process.execPath)
  await page.locator('label', { hasText: 'Arguments' }).locator('input').fill(fixture)
  await page.getByTestId('add-task').selectOption('regression')
  await page.locator('label', { hasText: /^To/ }).locator('input').fill('255')
  await page.getByTestId('add-submit').click()
  const error = page.getByTestId('add-error')
  await error.waitFor()
  expect(await error.textContent()).toMatch(/id/i)
  expect(await page.locator('tr[data-model]').count()).toBe(before)

  await page.getByTestId('add-id').fill('brightness')
  await page.getByTestId('add-submit').click()
  await page.getByTestId('add-done').waitFor()
  const row = page.locator('tr[data-model="brightness"]')
  await row.waitFor()
  await row.getByTestId('load').click()
  await row.getByTestId('model-state').filter({ hasText: 'ready' }).waitFor({ timeout: 30_000 })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/models-added-1366x768.png`, fullPage: true })

  // Disabled for the runtime, and the engine knows it.
  const faces = page.locator('tr[data-model="faces"]')
  await faces.getByTestId('model-enabled').uncheck()
  await faces.locator('label.toggle', { hasText: 'disabled' }).waitFor()
  const { models } = await session.call('models.list', {})
  expect(models.find((m) => m.id === 'faces')!.enabled).toBe(false)

  page.once('dialog', (d) => void d.accept())
  await row.getByTestId('remove-model').click()
  await row.waitFor({ state: 'detached' })
  expect(await page.locator('tr[data-model]').count()).toBe(before)
  await page.close()
}, 120_000)
