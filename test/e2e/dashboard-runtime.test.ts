// The Dashboard's runtime: real models, links trained on real footage, a real file camera.
// The operator starts the runtime, sees the tiles turn exact, moves the budget (with the
// expected accuracy shown before applying) and sees tiles turn predicted and the model
// processes change; the camera panel labels every output exact or predicted.
import { expect, it } from 'vitest'
import { SCREENSHOT_DIR } from '../support/browser'
import { measureCostsOver, trainedRunOver } from '../support/console-api'
import { useConsoleSession } from '../support/console-session'
import { sample } from '../support/samples'

const session = useConsoleSession()
const MODELS = ['faces', 'face-gender', 'person-pose']

const pids = async (): Promise<number[]> => (await session.call('models.list', {})).models.flatMap((m) => (m.status.pid && m.status.state !== 'exited' ? [m.status.pid] : [])).sort()

it('starts the runtime, moves the budget live and shows exact/predicted tiles and the process change', async () => {
  const walkway = sample('face-demographics-walking.gif')
  const run = await trainedRunOver(session, { videos: [sample('classroom.gif'), walkway], models: MODELS, epochs: 30 })
  await measureCostsOver(session, MODELS, { video: walkway, frames: 20, warmup: 2 })
  const camera = await session.call('cameras.attach', { name: 'walkway', kind: 'file', location: walkway, fps: 4, loop: true })

  const page = await session.open('#/', { width: 1366, height: 768 })
  await page.getByTestId('runtime-start-form').waitFor()
  // Every camera as a live thumbnail.
  await page.getByTestId(`camera-thumb-${camera.id}`).locator('img').waitFor({ timeout: 30_000 })
  await page.getByTestId('runtime-run').selectOption(String(run.id))
  // Room for every model: all three run exactly.
  await page.getByTestId('runtime-budget').fill('2000')
  await page.getByTestId('runtime-start').click()
  for (const id of MODELS) await page.getByTestId(`tile-state-${id}`).filter({ hasText: 'exact' }).waitFor({ timeout: 60_000 })
  await page.getByTestId('origin-faces').filter({ hasText: 'exact' }).waitFor({ timeout: 30_000 })
  const before = await pids()
  expect(before).toHaveLength(3)
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-all-exact-1366x768.png`, fullPage: true })

  // Down to the minimum: the preview says what it would run and expect before anything changes.
  const state = await session.call('runtime.state', {})
  const minMb = Math.ceil(state.minimumBudget / 1048576)
  await page.getByTestId('budget-value').fill(String(minMb - 5))
  await page.getByTestId('budget-below').waitFor()
  expect(await page.getByTestId('budget-apply').isDisabled()).toBe(true)
  await page.getByTestId('budget-value').fill(String(minMb))
  await page.getByTestId('budget-preview').filter({ hasText: 'expected accuracy' }).waitFor()
  expect(await pids()).toEqual(before)
  await page.getByTestId('budget-apply').click()

  await expect.poll(async () => (await session.call('runtime.state', {})).active, { timeout: 60_000 }).toHaveLength(1)
  const { active } = await session.call('runtime.state', {})
  const [kept] = active
  await page.getByTestId(`tile-state-${kept}`).filter({ hasText: 'exact' }).waitFor({ timeout: 30_000 })
  for (const id of MODELS.filter((m) => m !== kept)) {
    await page.getByTestId(`tile-state-${id}`).filter({ hasText: /predicted|prior/ }).waitFor({ timeout: 30_000 })
    await page.getByTestId(`origin-${id}`).filter({ hasText: /predicted|prior/ }).waitFor({ timeout: 30_000 })
  }
  // The process list changed: two worker processes gone, the kept model's still there.
  await expect.poll(pids, { timeout: 30_000 }).toHaveLength(1)
  expect(await page.getByTestId('budget-used').textContent()).toContain(`of ${minMb} MB`)
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-budget-moved-1366x768.png`, fullPage: true })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.getByTestId('accuracy-timeline').locator('canvas').first().waitFor()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-budget-moved-1920x1080.png`, fullPage: true })

  await page.getByTestId('runtime-stop').click()
  await page.getByTestId('runtime-start-form').waitFor({ timeout: 30_000 })
  await expect.poll(pids, { timeout: 30_000 }).toEqual([])
  await page.close()
}, 420_000)
