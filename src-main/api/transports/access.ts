// Who may call the headless API: on loopback anyone on this machine (but only through a
// loopback Host name, which defeats DNS rebinding); elsewhere only holders of the access token.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

export type AccessVerdict = { ok: true } | { ok: false; reason: string }

export function checkAccess(req: IncomingMessage, token: string | undefined): AccessVerdict {
  if (token === undefined) {
    const hostname = new URL(`http://${req.headers.host ?? 'invalid'}`).hostname
    return isLoopbackHost(hostname)
      ? { ok: true }
      : { ok: false, reason: `Host '${req.headers.host}' is not a loopback name; open the console at http://127.0.0.1.` }
  }
  const presented = presentedToken(req)
  if (presented === undefined) return { ok: false, reason: 'An access token is required: send "Authorization: Bearer <token>" or ?token=.' }
  return sameSecret(presented, token) ? { ok: true } : { ok: false, reason: 'The access token is wrong.' }
}

function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim()
  return new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? undefined
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
