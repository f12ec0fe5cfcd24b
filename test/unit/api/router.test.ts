import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../src-main/api/errors'
import { Router, type Handlers } from '../../../src-main/api/router'

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = async (): Promise<never> => {
    throw new Error('not part of this test')
  }
  return {
    'models.list': unused,
    'models.load': unused,
    'models.unload': unused,
    'models.infer': unused,
    'models.profileCost': unused,
    'models.register': unused,
    'cameras.probe': unused,
    'profiles.start': unused,
    'links.train': unused,
    'links.cancel': unused,
    'links.matrix': unused,
    'links.studyFractions': unused,
    'links.predict': unused,
    'profiles.cancel': unused,
    'profiles.list': unused,
    'profiles.get': unused,
    'cameras.attach': unused,
    'cameras.detach': unused,
    'cameras.list': unused,
    'cameras.snapshot': unused,
    'models.remove': unused,
    'models.setEnabled': unused,
    'runtime.start': unused,
    'runtime.stop': unused,
    'runtime.state': unused,
    'runtime.setBudget': unused,
    'runtime.preview': unused,
    'runtime.history': unused,
    'profiles.report': unused,
    'system.info': async () => {
      throw new Error('disk on fire')
    },
    'journal.list': async (p) => ({ items: [], nextBeforeId: p.beforeId ?? null }),
    'journal.note': async (p) => ({ id: 1, at: 'now', level: p.level ?? 'info', source: 'operator', message: p.message }),
    ...overrides
  }
}

describe('Router', () => {
  const logged: string[] = []
  const router = new Router(handlers(), { error: (m) => logged.push(m) })

  it('passes validated, normalised params to the handler', async () => {
    await expect(router.call('journal.note', { message: '  hi  ' })).resolves.toMatchObject({ message: 'hi', level: 'info' })
    await expect(router.call('journal.list', undefined)).resolves.toEqual({ items: [], nextBeforeId: null })
  })

  it('names the bad field in a validation error', async () => {
    const err = (await router.call('journal.list', { limit: 0 }).catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('invalid_params')
    expect(err.message).toMatch(/^Invalid params for 'journal.list': limit: /)
    expect(err.details).toMatchObject({ issues: [{ path: 'limit' }] })
  })

  it('lists the known methods for an unknown one, including prototype names', async () => {
    for (const name of ['x.y', 'toString', '__proto__']) {
      const err = (await router.call(name, {}).catch((e: unknown) => e)) as ApiError
      expect(err.code).toBe('unknown_method')
    }
  })

  it('turns a handler crash into an internal error and logs it', async () => {
    const err = (await router.call('system.info', {}).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('internal')
    expect(err.message).toContain('disk on fire')
    expect(logged.some((l) => l.includes('disk on fire'))).toBe(true)
  })

  it('passes typed errors from handlers through unchanged', async () => {
    const r = new Router(handlers({ 'system.info': async () => Promise.reject(new ApiError('unavailable', 'busy')) }), { error: () => {} })
    await expect(r.call('system.info', {})).rejects.toMatchObject({ code: 'unavailable', message: 'busy' })
  })
})
