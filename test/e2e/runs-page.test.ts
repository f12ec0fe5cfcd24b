// The Runs page: two real profiling runs with trained links and measured costs; the operator
// opens a past run (costs, heatmap, accuracy-vs-budget curve), exports it as CSV and JSON, and
// compares the two runs side by side.
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import type { RunReport } from '../../src-main/api/contract'
import { SCREENSHOT_DIR } from '../support/browser'
import { measureCostsOver, trainedRunOver } from '../support/console-api'
import { useConsoleSession } from '../support/console-session'
import { sample } from '../support/samples'

const session = useConsoleSession()
const MODELS = ['faces', 'face-gender']

it('opens a past run, exports it as CSV and JSON, and compares two runs', async () => {
  const a = (await trainedRunOver(session, { videos: [sample('face-demographics-walking.gif')], models: MODELS, epochs: 20 })).id
  const b = (await trainedRunOver(session, { videos: [sample('classroom.gif'), sample('face-demographics-walking.gif')], models: MODELS, epochs: 20 })).id
  await measureCostsOver(session, MODELS, { frames: 4, warmup: 1 })

  const page = await session.open('#/runs', { width: 1366, height: 768 })
  await page.locator(`tr[data-run="${a}"]`).getByTestId('run-open').click()
  await page.getByTestId(`run-report-${a}`).waitFor()
  await page.getByTestId('pareto-chart').locator('canvas').first().waitFor()
  await page.getByTestId('run-heatmap').locator('canvas').first().waitFor()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-page-1366x768.png`, fullPage: true })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-page-1920x1080.png`, fullPage: true })
  await page.setViewportSize({ width: 1366, height: 768 })

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  expect(csv.suggestedFilename()).toBe(`mlink-run-${a}.csv`)
  const csvText = readFileSync((await csv.path())!, 'utf8')
  expect(csvText.split('\n')[0]).toBe('section,subject,measure,value')
  expect(csvText).toContain('link,faces -> face-gender,test score,')
  expect(csvText).toMatch(/pareto,\d+%,expected accuracy,0\.\d+/)
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()])
  const report = JSON.parse(readFileSync((await json.path())!, 'utf8')) as RunReport
  expect(report.run.id).toBe(a)
  expect(report.matrix?.targets.map((t) => t.target).sort()).toEqual([...MODELS].sort())
  expect(report.pareto.length).toBeGreaterThan(3)

  await page.goto(`${session.serve.url}#/runs`)
  // Filtering by date: nothing started tomorrow; clearing the filter brings the runs back.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
  await page.getByTestId('history-from').fill(tomorrow)
  await page.getByTestId('history-apply').click()
  await page.locator('tr[data-run]').first().waitFor({ state: 'detached' })
  await page.getByTestId('history-empty').waitFor()
  await page.getByTestId('history-from').fill('')
  await page.getByTestId('history-apply').click()
  await page.locator(`tr[data-run="${a}"]`).getByTestId('run-pick').check()
  await page.locator(`tr[data-run="${b}"]`).getByTestId('run-pick').check()
  await page.getByTestId('compare-runs').click()
  const table = page.getByTestId('compare-table')
  await table.waitFor()
  for (const m of MODELS) expect(await table.locator('tr', { hasText: m }).locator('td').count()).toBe(3)
  await page.getByTestId('compare-pareto').locator('canvas').first().waitFor()
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-compare-1366x768.png`, fullPage: true })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-compare-1920x1080.png`, fullPage: true })
  await page.close()
}, 420_000)
