// The token that guards a console served beyond loopback: made once, kept in the data dir.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const TOKEN_FILE = 'access-token'

export function loadOrCreateToken(dataDir: string): { token: string; created: boolean } {
  const path = join(dataDir, TOKEN_FILE)
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim()
    if (token.length >= 32) return { token, created: false }
  }
  const token = randomBytes(24).toString('base64url')
  writeFileSync(path, token + '\n', { mode: 0o600 })
  return { token, created: true }
}
