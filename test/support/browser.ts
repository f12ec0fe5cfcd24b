// Debian's Chromium driven by playwright-core, with the flags this offline machine needs.
import { mkdirSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.MLINK_CHROMIUM ?? '/usr/bin/chromium'
export const SCREENSHOT_DIR = 'test-output/screenshots'

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // playwright gives every launch a fresh, temporary user-data-dir of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return {
    browser,
    async close() {
      await browser.close()
    }
  }
}
