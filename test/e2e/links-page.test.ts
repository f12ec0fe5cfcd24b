// The Links page: a real profiling run (real models on the sample footage), links trained from
// the page with the progress bar moving, then the heatmap.
import { expect, it } from 'vitest'
import { SCREENSHOT_DIR } from '../support/browser'
import { useConsoleSession } from '../support/console-session'
import { sample } from '../support/samples'

const session = useConsoleSession()

it('trains links from the page with a moving progress bar and shows the matrix heatmap', async () => {
  const run = await session.call('profiles.start', { videos: [sample('classroom.gif'), sample('face-demographics-walking.gif')], models: ['faces', 'face-gender', 'object-sequence'], every: 2 })
  await expect.poll(async () => (await session.call('profiles.get', { runId: run.id })).status, { timeout: 90_000, interval: 500 }).toBe('done')

  const page = await session.open('#/links', { width: 1366, height: 768 })
  await page.getByTestId('links-untrained').waitFor()
  await page.getByTestId('links-train').click()
  const progress = page.getByTestId('links-progress')
  await progress.waitFor()
  const first = Number(await progress.getAttribute('aria-valuenow'))
  await expect.poll(async () => Number((await progress.getAttribute('aria-valuenow').catch(() => '100')) ?? 100), { timeout: 60_000 }).toBeGreaterThan(first)
  await page.screenshot({ path: `${SCREENSHOT_DIR}/links-training-1366x768.png` })
  await page.getByTestId('links-heatmap').waitFor({ timeout: 120_000 })
  await page.locator('[data-testid="links-heatmap"] canvas').first().waitFor()
  expect(await page.locator('.relations').textContent()).toContain('Mutual assistance')
  // Training curves per target, and the data-fraction study run from the page.
  await page.getByTestId('training-curve').locator('canvas').first().waitFor()
  expect(await page.getByTestId('curve-target').locator('option').count()).toBe(3)
  // Summed, then one link's own curve (2 sources into each of the 3 targets).
  expect(await page.getByTestId('curve-link').locator('option').count()).toBe(3)
  await page.getByTestId('curve-link').selectOption({ index: 1 })
  await page.getByTestId('training-curve').locator('canvas').first().waitFor()
  await page.getByTestId('fractions-start').click()
  await page.getByTestId('fractions-start').filter({ hasText: 'Training…' }).waitFor()
  await page.getByTestId('fractions-start').filter({ hasText: 'Run the study again' }).waitFor({ timeout: 180_000 })
  await page.getByTestId('fractions-chart').locator('canvas').first().waitFor()
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/links-matrix-1920x1080.png` })
  await page.goto(`${session.serve.url}#/runs`)
  await page.locator(`tr[data-run="${run.id}"]`).getByTestId('run-status').filter({ hasText: 'done' }).waitFor()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-1920x1080.png` })
  await page.close()
}, 420_000)
