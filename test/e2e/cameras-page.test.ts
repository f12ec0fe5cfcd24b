// The Cameras page against a real `mlink serve` and the real sample footage.
import { expect, it } from 'vitest'
import { SCREENSHOT_DIR } from '../support/browser'
import { useConsoleSession } from '../support/console-session'
import { sample } from '../support/samples'

const session = useConsoleSession()

it('attaches a camera through the wizard, watches it go live, and detaches it after confirming', async () => {
  const page = await session.open('#/cameras')
  await page.getByTestId('no-cameras').waitFor()

  await page.getByTestId('camera-kind').selectOption('file')
  await page.getByTestId('camera-location').fill('/nowhere/lobby.mp4')
  await page.getByTestId('camera-test').click()
  await expect.poll(() => page.getByTestId('camera-error').textContent()).toContain('No file at /nowhere/lobby.mp4')

  await page.getByTestId('camera-name').fill('Classroom')
  await page.getByTestId('camera-location').fill(sample('classroom.gif'))
  await page.getByTestId('camera-every').fill('0.2')
  await page.locator('label.check input').check()
  await page.getByTestId('camera-test').click()
  await page.getByTestId('camera-probe').waitFor()
  expect(await page.getByTestId('camera-probe').textContent()).toContain('480 × 270')
  await page.screenshot({ path: `${SCREENSHOT_DIR}/cameras-probe-1366x768.png` })

  await page.getByTestId('camera-attach').click()
  const row = page.locator('tr[data-camera="Classroom"]')
  await row.getByTestId('camera-state').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 })
  await expect.poll(async () => Number((await row.getByTestId('camera-frames').textContent())?.split('/')[0]), { timeout: 20_000 }).toBeGreaterThan(3)
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/cameras-live-1920x1080.png` })

  await row.getByTestId('camera-detach').click()
  await row.getByTestId('camera-detach-confirm').click()
  await page.getByTestId('no-cameras').waitFor()
  await page.close()
}, 90_000)
